using System.Diagnostics.CodeAnalysis;

namespace Pulse.Cli.Models;

/// <summary>
/// What churn means for <c>pulse model train-churn --label</c>: no purchase or no interaction within the
/// horizon after a cut-off, or a CRM attribute that says so (<c>attribute:Churn=Yes</c>).
/// </summary>
/// <param name="Label">The wire name: <c>no-purchase</c>, <c>no-interaction</c> or <c>attribute</c>.</param>
/// <param name="Attribute">For <c>attribute</c>: the attribute that records churn.</param>
/// <param name="PositiveValue">For <c>attribute</c>: its value that means churned.</param>
internal sealed record ChurnLabelChoice(string Label, string? Attribute = null, string? PositiveValue = null)
{
    public const string NoPurchase = "no-purchase";
    public const string NoInteraction = "no-interaction";
    public const string AttributeLabel = "attribute";
    private const string AttributePrefix = AttributeLabel + ":";

    public static ChurnLabelChoice Default { get; } = new(NoPurchase);

    /// <summary><c>no-purchase</c>, <c>no-interaction</c>, or <c>attribute:NAME=VALUE</c> (the value may itself hold <c>=</c>).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ChurnLabelChoice? choice)
    {
        choice = null;
        var s = text?.Trim() ?? string.Empty;
        if (s is NoPurchase or NoInteraction)
        {
            choice = new ChurnLabelChoice(s);
            return true;
        }

        if (!s.StartsWith(AttributePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = s[AttributePrefix.Length..];
        var equals = rest.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == rest.Length - 1)
        {
            return false;
        }

        var name = rest[..equals].Trim();
        var value = rest[(equals + 1)..].Trim();
        if (name.Length == 0 || value.Length == 0)
        {
            return false;
        }

        choice = new ChurnLabelChoice(AttributeLabel, name, value);
        return true;
    }

    /// <summary>As the option is written (help shows the default this way).</summary>
    public override string ToString() => Label == AttributeLabel ? $"{AttributePrefix}{Attribute}={PositiveValue}" : Label;
}
