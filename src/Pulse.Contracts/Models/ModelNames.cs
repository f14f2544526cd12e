namespace Pulse.Contracts.Models;

/// <summary>Registry keys.</summary>
public static class ModelNames
{
    public const string Clv = "clv";
    public const string Sentiment = "sentiment";
    public const string Churn = "churn";

    /// <summary>Every model the registry knows.</summary>
    public static IReadOnlyList<string> All { get; } = [Clv, Sentiment, Churn];
}
