using System.Text.Json;

namespace Pulse.Web.Triggers;

/// <summary>A stored rule as the API shows it: the registry's bookkeeping and the rule itself as a JSON object (not a string), in Pulse's own form.</summary>
public sealed record TriggerRuleView(string Id, long Version, bool Enabled, DateTimeOffset UpdatedAt, JsonElement Rule);
