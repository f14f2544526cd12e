namespace Pulse.Grains.Triggers.Outbox;

/// <summary>Where one delivery of a firing to one webhook stands.</summary>
public enum DeliveryState
{
    /// <summary>Not yet accepted by the receiver: due now or at its next attempt.</summary>
    Pending = 0,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>Attempts ran out; kept on the dead-letter list until replayed.</summary>
    DeadLettered = 2,
}
