using Pulse.Contracts.Identity;

namespace Pulse.Grains.Identity;

/// <summary>
/// One claim an identity grain answered, kept so that an unmerge (next slice) can re-point the identifier
/// to the customer it came from, and so that a refused claim leaves a trace.
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.IdentityClaim")]
public sealed record IdentityClaim(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] bool Verified,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string How,
    [property: Id(4)] ClaimStatus Status);
