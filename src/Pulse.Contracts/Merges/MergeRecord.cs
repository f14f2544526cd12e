namespace Pulse.Contracts.Merges;

/// <summary>
/// A merge or unmerge as it happened: kept by both customers it concerns, so each can say who joined it,
/// when and why (docs/identity.md).
/// </summary>
/// <param name="MergeId">Names the merge; an unmerge carries the id of the merge it undoes.</param>
/// <param name="Reason">In words: <c>deterministic: account a-17</c>, <c>explicit: agent j.smith, same caller</c>.</param>
/// <param name="Deterministic">True when a rule joined them (a shared account, a verified identifier), false when a person did.</param>
[GenerateSerializer, Immutable, Alias("pulse.MergeRecord")]
public sealed record MergeRecord(
    [property: Id(0)] string MergeId,
    [property: Id(1)] MergeKind Kind,
    [property: Id(2)] string SurvivorId,
    [property: Id(3)] string AbsorbedId,
    [property: Id(4)] string Reason,
    [property: Id(5)] bool Deterministic,
    [property: Id(6)] DateTimeOffset At);
