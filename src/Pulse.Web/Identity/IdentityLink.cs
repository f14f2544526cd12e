namespace Pulse.Web.Identity;

/// <summary>The body of <c>POST /api/v1/identities/{type}/{value}</c>: the customer the identifier belongs to.</summary>
/// <param name="Verified">Whether the caller verified the identifier (a login, a confirmed address); false when left out.</param>
public sealed record IdentityLink(string? CustomerId, bool? Verified);
