namespace Pulse.Contracts.Identity;

/// <summary>
/// An identifier as Pulse keeps it: its type and its keyed value (the value as given for account, device
/// and crm; the keyed hash for email and phone, so a clear address never becomes a grain key).
/// </summary>
[GenerateSerializer, Immutable, Alias("pulse.IdentifierKey")]
public sealed record IdentifierKey(
    [property: Id(0)] IdentifierType Type,
    [property: Id(1)] string Value)
{
    /// <summary>The type's wire name, as in the grain key and the API.</summary>
    public string TypeName => Type.ToString().ToLowerInvariant();

    /// <summary>The <see cref="IIdentityGrain"/> key: <c>{type}:{keyed value}</c>.</summary>
    public string GrainKey => $"{TypeName}:{Value}";
}
