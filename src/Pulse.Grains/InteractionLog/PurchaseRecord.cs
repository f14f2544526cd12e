namespace Pulse.Grains.InteractionLog;

/// <summary>One logged purchase, as a model fit reads the population.</summary>
public readonly record struct PurchaseRecord(string CustomerId, DateTimeOffset Timestamp, decimal Amount);
