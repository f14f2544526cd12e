using Microsoft.Extensions.Configuration;

namespace Pulse.Grains.Triggers.Delivery;

/// <summary>
/// The signing secrets, from configuration <c>Pulse:Triggers:Secrets:&lt;name&gt;</c> (rules name a secret, never
/// carry one). Read at each send, so a secret added or rotated through a reloading configuration source applies
/// without a restart.
/// </summary>
public sealed class WebhookSecrets(IConfiguration configuration)
{
    public const string Section = "Pulse:Triggers:Secrets";

    /// <summary>The name used for a webhook that names no secret.</summary>
    public const string DefaultName = "default";

    /// <summary>The configuration key of the secret a webhook with <paramref name="secretName"/> is signed with.</summary>
    public static string SettingFor(string? secretName) => $"{Section}:{(string.IsNullOrEmpty(secretName) ? DefaultName : secretName)}";

    /// <summary>The secret for <paramref name="secretName"/> (null: <see cref="DefaultName"/>), or null when it is not configured.</summary>
    public string? Find(string? secretName) => configuration[SettingFor(secretName)] is { Length: > 0 } secret ? secret : null;
}
