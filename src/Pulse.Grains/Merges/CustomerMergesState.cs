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

    /// <summary>
    /// Every absorbed id and the survivor that holds it (the end of its chain), for the relationship graph. One entry
    /// per merged-away id: at a million merges this state is tens of megabytes, written at every merge (docs/identity.md).
    /// </summary>
    [Id(1)] public Dictionary<string, string> Forwarding { get; set; } = new(StringComparer.Ordinal);
}
