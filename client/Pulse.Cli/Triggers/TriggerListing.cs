namespace Pulse.Cli.Triggers;

/// <summary>The answer of <c>GET /api/v1/triggers</c>: every rule at one registry version.</summary>
internal sealed record TriggerListing(long Version, IReadOnlyList<TriggerEntry>? Rules);
