namespace Pulse.Analytics.Graph;

/// <summary>The customers with an arc into one customer (once per arc), and those arcs' total weight: a directed graph's in-lists.</summary>
internal struct SourceList
{
    public int[] Items;
    public int Count;

    /// <summary>The sum of the arcs' weights as of the landmark.</summary>
    public double Weight;
}
