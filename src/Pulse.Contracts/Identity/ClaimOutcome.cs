namespace Pulse.Contracts.Identity;

/// <summary>What a claim did, and who owns the identifier after it (the other customer for <see cref="ClaimStatus.OwnedByOther"/>).</summary>
[GenerateSerializer, Immutable, Alias("pulse.ClaimOutcome")]
public sealed record ClaimOutcome(
    [property: Id(0)] ClaimStatus Status,
    [property: Id(1)] IdentityOwner Owner);
