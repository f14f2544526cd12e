using Pulse.Contracts.Identity;

namespace Pulse.Grains.Identity;

/// <summary>An identity grain's persisted state: its owner and its latest claims, oldest first.</summary>
[GenerateSerializer, Alias("pulse.IdentityState")]
public sealed class IdentityState
{
    [Id(0)] public IdentityOwner? Owner { get; set; }

    [Id(1)] public List<IdentityClaim> History { get; set; } = [];
}
