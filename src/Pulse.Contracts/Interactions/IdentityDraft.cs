namespace Pulse.Contracts.Interactions;

/// <summary>An identifier on a submitted interaction, before validation: <c>{"type": "email", "value": "...", "verified": true}</c>.</summary>
public sealed class IdentityDraft
{
    public string? Type { get; set; }

    public string? Value { get; set; }

    public bool Verified { get; set; }
}
