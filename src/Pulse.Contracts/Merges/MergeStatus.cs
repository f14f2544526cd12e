namespace Pulse.Contracts.Merges;

/// <summary>How a merge or unmerge request ended.</summary>
[GenerateSerializer, Alias("pulse.MergeStatus")]
public enum MergeStatus
{
    /// <summary>Done now.</summary>
    Done = 0,

    /// <summary>Nothing to do: the two were already one customer (a merge) or already apart (an unmerge).</summary>
    AlreadyDone = 1,

    /// <summary>Refused; <see cref="MergeOutcome.Problem"/> says why, naming the field.</summary>
    Refused = 2,
}
