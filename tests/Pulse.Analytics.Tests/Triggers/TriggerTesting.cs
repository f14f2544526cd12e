using Pulse.Analytics.Triggers;

namespace Pulse.Analytics.Tests.Triggers;

/// <summary>The facts a customer exposes (as the customer grain names them), and rules written as marketers write them.</summary>
internal static class TriggerTesting
{
    public static readonly FactSchema Schema = new(
    [
        "churn.probability", "clv.value", "clv.pAlive", "sentiment.level7d", "influence.percentile",
        "network.value", "network.churnContagion", "kind.complaint.count.7d", "kind.complaint.count.30d",
        "channel.web.count.30d", "kind.purchase.amount.30d",
    ]);

    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A minimal valid rule around a condition, with the properties of <paramref name="more"/> (an object, or its inside) added.</summary>
    public static string Json(string when, string more = "", string id = "r1", string category = "marketing")
    {
        more = more.StartsWith('{') ? more[1..^1] : more;
        return $$"""{"id":"{{id}}","name":"rule {{id}}","category":"{{category}}","when":{{when}}{{(more.Length > 0 ? "," + more : "")}}}""";
    }

    public static TriggerRule Rule(string when, string more = "", string id = "r1", string category = "marketing")
    {
        var parsed = TriggerRuleJson.Parse(Json(when, more, id, category), Schema);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        return parsed.Rule!;
    }

    public static CompiledRuleSet Set(params TriggerRule[] rules) => CompiledRuleSet.Compile(rules, Schema);
}
