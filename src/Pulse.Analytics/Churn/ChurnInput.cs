namespace Pulse.Analytics.Churn;

/// <summary>ML.NET's view of a row: the encoded inputs (its length is set by a schema at run time) and the label.</summary>
public sealed class ChurnInput
{
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}
