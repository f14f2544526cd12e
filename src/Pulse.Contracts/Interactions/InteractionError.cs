namespace Pulse.Contracts.Interactions;

/// <summary>Why one submitted item was rejected.</summary>
/// <param name="Index">Position of the item in the request (0-based; for NDJSON, the line's item number).</param>
/// <param name="Field">The field at fault, in its wire name (<c>kind</c>, <c>amount</c>); <c>$</c> for the item as a whole.</param>
/// <param name="Reason">What is wrong, in words.</param>
[GenerateSerializer, Immutable, Alias("pulse.InteractionError")]
public sealed record InteractionError(
    [property: Id(0)] int Index,
    [property: Id(1)] string Field,
    [property: Id(2)] string Reason);
