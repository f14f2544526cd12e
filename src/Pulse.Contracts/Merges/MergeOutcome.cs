namespace Pulse.Contracts.Merges;

/// <summary>What a merge or unmerge request did.</summary>
/// <param name="SurvivorId">The customer that holds both histories after a merge: the end of the named survivor's forwarding chain.</param>
/// <param name="AbsorbedIds">Every id the survivor holds after the request.</param>
/// <param name="Record">The merge or unmerge recorded, when one was.</param>
/// <param name="Field">The request field a refusal concerns (<c>survivorId</c>, <c>absorbedId</c>).</param>
/// <param name="Problem">Why it was refused, in words.</param>
[GenerateSerializer, Immutable, Alias("pulse.MergeOutcome")]
public sealed record MergeOutcome(
    [property: Id(0)] MergeStatus Status,
    [property: Id(1)] string SurvivorId,
    [property: Id(2)] IReadOnlyList<string> AbsorbedIds,
    [property: Id(3)] MergeRecord? Record = null,
    [property: Id(4)] string? Field = null,
    [property: Id(5)] string? Problem = null);
