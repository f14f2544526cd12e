namespace Pulse.Analytics.Graph;

/// <summary>Which community each customer is in.</summary>
/// <param name="CommunityOf">Per slot, the community (0..Count−1, numbered in slot order of first member); −1 for a free slot.</param>
/// <param name="Sizes">Customers per community.</param>
/// <param name="Sweeps">Passes over the customers made.</param>
/// <param name="Converged">True when the last pass changed nothing (every customer holds a label of greatest weight around it).</param>
public sealed record CommunityAssignment(int[] CommunityOf, int[] Sizes, int Sweeps, bool Converged)
{
    /// <summary>Number of communities.</summary>
    public int Count => Sizes.Length;
}
