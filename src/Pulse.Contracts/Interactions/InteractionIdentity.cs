using Pulse.Contracts.Identity;

namespace Pulse.Contracts.Interactions;

/// <summary>
/// An identifier an interaction carries for its customer: a login's account id, a web cookie, a confirmed
/// email (kept as its keyed hash, never in clear). Delivery claims it for the customer, and a claim that
/// meets another customer may join the two (docs/identity.md).
/// </summary>
/// <param name="Verified">The sender vouches for it: the customer logged in, or confirmed the address.</param>
[GenerateSerializer, Immutable, Alias("pulse.InteractionIdentity")]
public sealed record InteractionIdentity(
    [property: Id(0)] IdentifierKey Key,
    [property: Id(1)] bool Verified);
