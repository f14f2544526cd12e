namespace Pulse.Grains.Triggers;

/// <summary>
/// Whether a customer may receive marketing: the attribute <c>marketingConsent</c> (set by a profile update,
/// so it is durable and replayed like any event); without it, the deployment's default.
/// </summary>
public static class MarketingConsent
{
    public const string Attribute = "marketingConsent";

    private static readonly HashSet<string> Refusals = new(StringComparer.OrdinalIgnoreCase) { "false", "no", "0", "opted-out", "opt-out", "denied", "withdrawn" };
    private static readonly HashSet<string> Grants = new(StringComparer.OrdinalIgnoreCase) { "true", "yes", "1", "opted-in", "opt-in", "granted" };

    /// <summary>
    /// True when the customer granted consent, or said nothing and <paramref name="byDefault"/> is true. A value
    /// that is neither a grant nor a refusal counts as a refusal: when in doubt, no marketing.
    /// </summary>
    public static bool Allows(IReadOnlyDictionary<string, string> attributes, bool byDefault)
    {
        if (!attributes.TryGetValue(Attribute, out var value))
        {
            return byDefault;
        }

        return Grants.Contains(value.Trim()) && !Refusals.Contains(value.Trim());
    }
}
