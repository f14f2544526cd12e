namespace Pulse.Web.Customers;

/// <summary>The answer to a merge or an unmerge: the survivor and the customers merged into it now.</summary>
/// <param name="SurvivorId">The survivor: for a merge, the end of the named survivor's forwarding chain.</param>
/// <param name="AbsorbedIds">The customers merged into it now.</param>
/// <param name="Status"><c>done</c>, or <c>already-done</c> when the two were already one (merge) or apart (unmerge).</param>
/// <param name="Merge">The merge or unmerge recorded by this request, when one was.</param>
public sealed record MergeView(string SurvivorId, IReadOnlyList<string> AbsorbedIds, string Status, MergeRecordView? Merge);
