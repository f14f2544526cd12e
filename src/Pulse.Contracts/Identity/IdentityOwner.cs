namespace Pulse.Contracts.Identity;

/// <summary>The customer an identifier belongs to, whether that was verified, since when, and how it was joined.</summary>
/// <param name="How">In words, for people reading an audit: "claimed by an event", "linked via API".</param>
[GenerateSerializer, Immutable, Alias("pulse.IdentityOwner")]
public sealed record IdentityOwner(
    [property: Id(0)] string CustomerId,
    [property: Id(1)] bool Verified,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] string How);
