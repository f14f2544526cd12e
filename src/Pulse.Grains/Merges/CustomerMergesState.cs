namespace Pulse.Grains.Merges;

/// <summary>What the merges grain must remember across restarts: the pairs a person pulled apart.</summary>
[GenerateSerializer, Alias("pulse.CustomerMergesState")]
public sealed class CustomerMergesState
{
    /// <summary>
    /// Pairs of customers unmerged (<c>survivor|absorbed</c>): a deterministic rule does not join them again,
    /// or every later event carrying the shared identifier would undo the person's correction.
    /// </summary>
    [Id(0)] public HashSet<string> Unmerged { get; set; } = new(StringComparer.Ordinal);
}
