using Pulse.Contracts.Merges;

namespace Pulse.Web.Customers;

/// <summary>A merge or unmerge as the API shows it.</summary>
/// <param name="Kind"><c>merge</c> or <c>unmerge</c>.</param>
/// <param name="MergeId">The merge's id; an unmerge carries the id of the merge it undid.</param>
/// <param name="Deterministic">True when a rule joined them (a shared account, a verified identifier), false when a person did.</param>
public sealed record MergeRecordView(string Kind, string MergeId, string SurvivorId, string AbsorbedId, string Reason, bool Deterministic, DateTimeOffset At)
{
    public static MergeRecordView Of(MergeRecord record) => new(
        record.Kind == MergeKind.Merge ? "merge" : "unmerge", record.MergeId, record.SurvivorId, record.AbsorbedId, record.Reason, record.Deterministic, record.At);
}
