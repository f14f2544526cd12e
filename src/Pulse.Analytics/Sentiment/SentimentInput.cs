namespace Pulse.Analytics.Sentiment;

/// <summary>ML.NET's view of a sentence (public with settable properties: ML.NET maps columns by reflection).</summary>
public sealed class SentimentInput
{
    public string Text { get; set; } = string.Empty;

    public bool Label { get; set; }
}
