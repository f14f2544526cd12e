using Pulse.Contracts.Access;

namespace Pulse.Web.Access;

/// <summary>A key as the API lists it: never its secret.</summary>
public sealed record KeyView(string KeyId, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy)
{
    public static KeyView Of(ApiKey key) =>
        new(key.KeyId, key.Name, [.. AccessPolicies.RoleNames.Where(r => key.Roles.HasFlag(AccessPolicies.Parse(r)!.Value))], key.CreatedAt, key.CreatedBy, key.RevokedAt, key.RevokedBy);
}
