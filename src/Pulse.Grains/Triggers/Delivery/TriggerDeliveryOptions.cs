namespace Pulse.Grains.Triggers.Delivery;

/// <summary>How firings are sent to webhooks, from <c>Pulse:Triggers:Delivery</c> (checked by <see cref="TriggerDeliveryOptionsValidator"/>).</summary>
public sealed class TriggerDeliveryOptions
{
    public const string Section = "Pulse:Triggers:Delivery";

    /// <summary>How long one POST may take, connecting included, before the attempt counts as failed.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest wait before the first retry; each later retry's longest wait doubles.</summary>
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before any retry.</summary>
    public TimeSpan MaxRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Attempts before a delivery goes to the dead-letter list.</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How long a claimed delivery is this silo's alone: longer than <see cref="Timeout"/>, so a send ends before another silo may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the outbox is asked for due deliveries when nothing wakes the dispatcher.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most sends in flight at once from one silo.</summary>
    public int MaxInFlight { get; set; } = 32;
}
