namespace Pulse.Analytics.Graph;

/// <summary>Which connected component each customer is in.</summary>
/// <param name="ComponentOf">Per slot, the component (0..Count−1, numbered in slot order of first member); −1 for a free slot.</param>
/// <param name="Sizes">Customers per component.</param>
public sealed record ComponentAssignment(int[] ComponentOf, int[] Sizes)
{
    /// <summary>Number of components.</summary>
    public int Count => Sizes.Length;

    /// <summary>The size of the largest component (0 for an empty graph).</summary>
    public int Largest => Sizes.Length == 0 ? 0 : Sizes.Max();
}
