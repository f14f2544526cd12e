namespace Pulse.Cli.Api;

/// <summary>Only the count of a customer profile: what the latency probe polls for, without reading the rest.</summary>
internal sealed record CustomerInteractionCount(long InteractionCount);
