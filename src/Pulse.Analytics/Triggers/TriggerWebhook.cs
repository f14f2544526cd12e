namespace Pulse.Analytics.Triggers;

/// <summary>Where a firing is delivered.</summary>
/// <param name="Url">An absolute http or https URL, without credentials.</param>
/// <param name="SecretName">
/// The name of the signing secret in the deployment's secret store. Rules name secrets and never carry them:
/// rules are shown to every marketer who can read them.
/// </param>
public sealed record TriggerWebhook(Uri Url, string? SecretName = null);
