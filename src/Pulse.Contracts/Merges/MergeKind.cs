namespace Pulse.Contracts.Merges;

/// <summary>What a <see cref="MergeRecord"/> records: a join of two customers, or its undoing.</summary>
[GenerateSerializer, Alias("pulse.MergeKind")]
public enum MergeKind
{
    Merge = 0,
    Unmerge = 1,
}
