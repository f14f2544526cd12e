namespace Pulse.Web.Triggers;

/// <summary><c>GET /api/v1/triggers</c>: every rule at one registry version, in id order.</summary>
public sealed record TriggerRuleListing(long Version, IReadOnlyList<TriggerRuleView> Rules);
