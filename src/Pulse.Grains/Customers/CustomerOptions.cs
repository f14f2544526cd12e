namespace Pulse.Grains.Customers;

/// <summary>How customer grains behave.</summary>
public sealed class CustomerOptions
{
    /// <summary>How often a changed customer writes its checkpoint. Between checkpoints the interaction log covers it.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(10);
}
