namespace Pulse.Grains.Identity;

/// <summary>How identifiers are keyed (configuration <c>Pulse:Identity</c>).</summary>
public sealed class IdentityOptions
{
    public const string Section = "Pulse:Identity";

    /// <summary>
    /// The local profile's identity hash key: fixed and published (docs/identity.md), for development only,
    /// as the local webhook secret is. Anyone who knows it can test a guessed email against a stored hash, so
    /// a real deployment sets its own <c>Pulse:Identity:HashKey</c> (issue 11 makes that required and adds rotation).
    /// </summary>
    public const string DevelopmentHashKey = "pulse-local-development-identity-key";

    /// <summary>The HMAC-SHA256 key emails and phone numbers are hashed under (UTF-8).</summary>
    public string HashKey { get; set; } = DevelopmentHashKey;
}
