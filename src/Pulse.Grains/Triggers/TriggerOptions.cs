namespace Pulse.Grains.Triggers;

/// <summary>Trigger settings, from <c>Pulse:Triggers</c>.</summary>
/// <remarks>
/// Webhook signing secrets live beside these, under <c>Pulse:Triggers:Secrets:&lt;name&gt;</c> (one is
/// <c>default</c>); they are read where they are needed and never bound here, so they cannot leak into a
/// log of the options.
/// </remarks>
public sealed class TriggerOptions
{
    public const string Section = "Pulse:Triggers";

    /// <summary>Where signing secrets are configured, one setting per name.</summary>
    public const string SecretsSection = "Pulse:Triggers:Secrets";

    /// <summary>The secret that signs a webhook that names none.</summary>
    public const string DefaultSecret = "default";

    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromMinutes(5);

    /// <summary>How often each silo asks the registry whether the rules changed: a saved rule reaches every silo within about this.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Whether a customer who never said (no <c>marketingConsent</c> attribute) may receive marketing rules.
    /// True suits an opt-out regime and the demo; set false where consent must be given first.
    /// </summary>
    public bool MarketingConsentByDefault { get; set; } = true;

    /// <summary>
    /// A rule due further ahead than this also gets a reminder, which wakes a customer whose activation has
    /// gone by then; sooner ones are left to the activation's timer.
    /// </summary>
    public TimeSpan ReminderAfter { get; set; } = TimeSpan.FromMinutes(10);
}
