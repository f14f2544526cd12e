namespace Pulse.Contracts.Segments;

/// <summary>One segment's live statistics. Key: the segment number. Silos report to it once per flush, never per event.</summary>
[Alias("pulse.ISegmentGrain")]
public interface ISegmentGrain : IGrainWithIntegerKey
{
    [Alias("RecordAsync")]
    Task RecordAsync(SegmentScores scores);

    [Orleans.Concurrency.ReadOnly, Alias("GetStatisticsAsync")]
    Task<SegmentStatistics> GetStatisticsAsync();
}
