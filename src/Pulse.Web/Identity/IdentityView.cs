using Pulse.Contracts.Identity;

namespace Pulse.Web.Identity;

/// <summary>
/// An identifier and its owner as the API shows them. <see cref="Key"/> is the kept form (the keyed hash for
/// email and phone): the clear address a caller sent is never echoed back.
/// </summary>
public sealed record IdentityView(IdentifierType Type, string Key, string CustomerId, bool Verified, DateTimeOffset Since, string How)
{
    public static IdentityView Of(IdentifierKey key, IdentityOwner owner) =>
        new(key.Type, key.Value, owner.CustomerId, owner.Verified, owner.Since, owner.How);
}
