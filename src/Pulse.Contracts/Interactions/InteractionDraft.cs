namespace Pulse.Contracts.Interactions;

/// <summary>
/// An interaction as a sender submitted it, before validation: every field may be missing or wrong.
/// <see cref="InteractionRules"/> turns it into an <see cref="Interaction"/> or says what is wrong.
/// </summary>
public sealed class InteractionDraft
{
    public string? EventId { get; set; }

    public string? CustomerId { get; set; }

    /// <summary>ISO 8601 with <c>Z</c> or an explicit offset.</summary>
    public string? Timestamp { get; set; }

    public string? Channel { get; set; }

    public string? Kind { get; set; }

    public decimal? Amount { get; set; }

    public string? Text { get; set; }

    public string? CounterpartyId { get; set; }

    public Dictionary<string, string>? Properties { get; set; }

    /// <summary>Identifiers of the customer this event carries (docs/identity.md); at most <see cref="InteractionLimits.MaxIdentities"/>.</summary>
    public List<IdentityDraft>? Identities { get; set; }
}
