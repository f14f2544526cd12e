namespace Pulse.Cli.Bench;

/// <summary>What <c>pulse bench triggers</c> measured.</summary>
/// <param name="EventToWebhookMs">Probe event POSTed → its firing received by the webhook receiver.</param>
internal sealed record TriggerBenchResult(
    int Rules,
    double TargetRate,
    double AchievedRate,
    int ProbesSent,
    int ProbesMissing,
    int Duplicates,
    int WebhooksReceived,
    PercentileSummary? EventToWebhookMs);
