using System.Text.Json;

namespace Pulse.Cli.Triggers;

/// <summary>A stored trigger rule as the API answers it: the registry's bookkeeping and the rule's JSON object.</summary>
internal sealed record TriggerEntry(string Id, long Version, bool Enabled, DateTimeOffset UpdatedAt, JsonElement Rule);
