using Pulse.Contracts.Triggers;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Tests.Triggers;

/// <summary>Firings for outbox and dispatcher tests, each with a fresh idempotency key.</summary>
internal static class SampleFirings
{
    public static FiredTrigger Firing(string ruleId, string customerId, DateTimeOffset firedAt, long sequence = 1) =>
        new(
            Guid.NewGuid().ToString("N"),
            ruleId,
            RuleVersion: 3,
            customerId,
            firedAt,
            sequence,
            "marketing",
            Priority: 10,
            "churn.probability 0.7412 above 0.7; clv.value 812.5 above 500",
            [
                new FiredTriggerReason("churn.probability", "above", 0.74123456789, 0.7, null, "churn.probability 0.7412 above 0.7"),
                new FiredTriggerReason("Contract", "equals", null, null, null, "Contract equals \"Month-to-month\" — ça marche 👍"),
            ],
            EventId: "evt-" + sequence,
            EventKind: "complaint");

    /// <summary>A firing of a rule without webhooks: kept for the history only.</summary>
    public static OutboxFiring With(FiredTrigger firing) => new(firing, []);

    public static OutboxFiring With(FiredTrigger firing, params string[] urls) =>
        new(firing, [.. urls.Select(u => new WebhookTarget(u, null))]);

    public static OutboxFiring With(FiredTrigger firing, params WebhookTarget[] targets) => new(firing, targets);

    /// <summary>Two firings are the same when their JSON is (records compare their lists by reference).</summary>
    public static void AssertSame(FiredTrigger expected, FiredTrigger actual) =>
        Assert.Equal(FiredTriggerJson.Serialize(expected), FiredTriggerJson.Serialize(actual));
}
