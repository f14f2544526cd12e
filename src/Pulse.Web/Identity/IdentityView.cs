using Pulse.Contracts.Identity;

namespace Pulse.Web.Identity;

/// <summary>
/// An identifier and its owner as the API shows them. <see cref="Key"/> is the kept form (the keyed hash for
/// email and phone): the clear address a caller sent is never echoed back.
/// </summary>
/// <param name="CustomerId">The customer that claimed the identifier. Claims never move, so an unmerge needs no re-pointing.</param>
/// <param name="CurrentCustomerId">The customer that holds its history now: <paramref name="CustomerId"/>, or the survivor it was merged into.</param>
public sealed record IdentityView(IdentifierType Type, string Key, string CustomerId, string CurrentCustomerId, bool Verified, DateTimeOffset Since, string How)
{
    public static IdentityView Of(IdentifierKey key, IdentityOwner owner, string currentCustomerId) =>
        new(key.Type, key.Value, owner.CustomerId, currentCustomerId, owner.Verified, owner.Since, owner.How);
}
