namespace Pulse.Contracts.Access;

/// <summary>
/// An API key as Pulse keeps it: never the secret, only its SHA-256 (a key is 256 random bits, so a plain hash
/// is as strong as a slow one and costs a microsecond per request).
/// </summary>
/// <param name="KeyId">The public part of the key (<c>pulse_{keyId}_{secret}</c>): names it in lists and logs.</param>
/// <param name="SecretHash">Lowercase hex SHA-256 of the secret part.</param>
/// <param name="CreatedBy">Who made it: another key's id and name, or <c>configuration</c>.</param>
[GenerateSerializer, Immutable, Alias("pulse.ApiKey")]
public sealed record ApiKey(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Name,
    [property: Id(2)] AccessRoles Roles,
    [property: Id(3)] string SecretHash,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] string CreatedBy,
    [property: Id(6)] DateTimeOffset? RevokedAt = null,
    [property: Id(7)] string? RevokedBy = null)
{
    public bool IsRevoked => RevokedAt is not null;
}
