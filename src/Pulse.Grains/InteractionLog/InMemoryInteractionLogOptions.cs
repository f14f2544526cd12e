namespace Pulse.Grains.InteractionLog;

/// <summary>Settings of the local profile's in-memory log.</summary>
public sealed class InMemoryInteractionLogOptions
{
    /// <summary>Most interactions held; the oldest are forgotten first (and their ids leave the dedupe set).</summary>
    public int Capacity { get; set; } = 2_000_000;
}
