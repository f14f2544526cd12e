namespace Pulse.Web.Access;

/// <summary>
/// <c>Pulse:Access:Jwt</c>: bearer tokens from an identity provider, as well as API keys (docs/security.md). Off
/// unless <see cref="Authority"/> or <see cref="SigningKey"/> is set.
/// </summary>
public sealed class TokenOptions
{
    public const string Section = "Pulse:Access:Jwt";

    /// <summary>The provider's issuer URL: its signing keys are read from its OpenID metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience the tokens must name (Pulse's API in the provider).</summary>
    public string? Audience { get; set; }

    /// <summary>The issuer the tokens must name, when there is no authority to learn it from.</summary>
    public string? Issuer { get; set; }

    /// <summary>A shared HMAC-SHA256 key (base64, 32 bytes or more), for a provider without OpenID metadata and for tests.</summary>
    public string? SigningKey { get; set; }

    /// <summary>The claim holding Pulse's roles (<c>ingest</c>, <c>agent</c>, <c>marketer</c>, <c>admin</c>).</summary>
    public string RoleClaim { get; set; } = "roles";

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);
}
