namespace Pulse.Analytics.Sentiment;

/// <summary>One sentence and whether it says something good.</summary>
public sealed record LabelledSentence(string Text, bool Positive);
