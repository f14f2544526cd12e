namespace Pulse.Contracts.Access;

/// <summary>Every key, with the version of the set: front ends reload when the version moves.</summary>
[GenerateSerializer, Immutable, Alias("pulse.ApiKeySet")]
public sealed record ApiKeySet(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<ApiKey> Keys);
