namespace Pulse.Grains.Customers;

/// <summary>How customer grains behave.</summary>
public sealed class CustomerOptions
{
    /// <summary>
    /// How often a changed customer writes its checkpoint. Between checkpoints the interaction log
    /// covers it. Every checkpoint is a state copy that outlives the young generation, so a short
    /// interval across many busy customers turns into long GC pauses: once a minute by default.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(1);
}
