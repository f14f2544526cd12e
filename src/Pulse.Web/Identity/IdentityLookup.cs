namespace Pulse.Web.Identity;

/// <summary>The body of <c>POST /api/v1/identities/lookup</c>: an identifier kept out of the URL, where proxies and access logs would see it.</summary>
public sealed record IdentityLookup(string? Type, string? Value);
