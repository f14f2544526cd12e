namespace Pulse.Grains.Triggers;

/// <summary>
/// What a customer remembers of one rule, in its checkpoint. Only rules that ever changed from a fresh state
/// (armed, never fired) are stored, so a customer untouched by the rules costs nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.StoredTriggerState")]
public sealed record StoredTriggerState(
    [property: Id(0)] string RuleId,
    [property: Id(1)] bool Armed,
    [property: Id(2)] DateTimeOffset? LastFiredAt,
    [property: Id(3)] DateTimeOffset? CapWindowStart,
    [property: Id(4)] int CapWindowFirings,
    [property: Id(5)] long Sequence);
