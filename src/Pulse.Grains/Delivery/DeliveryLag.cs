using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Delivery;

/// <summary>
/// How far behind the log each partition's delivery on this silo is, measured as the time since it last
/// read to the end of its partition (a page shorter than a full one). A partition that keeps up reads
/// its end every poll, so the figure stays within the idle poll interval; a backlog, a failing database
/// or a stuck customer makes it grow for as long as delivery cannot catch up. It costs a clock read per
/// page, nothing per event, and no query.
/// </summary>
public sealed class DeliveryLag
{
    // Environment.TickCount64 of the last read that reached the end, per partition; 0 while the partition is not delivered here.
    private readonly long[] _caughtUpAt = new long[LogPartitions.Count];

    /// <summary>
    /// The partition's delivery read to the end of the log; also called when it starts on this silo, where it
    /// counts as caught up until its first read says otherwise.
    /// </summary>
    public void CaughtUp(int partition) => Volatile.Write(ref _caughtUpAt[partition], Math.Max(1, Environment.TickCount64));

    /// <summary>The partition's delivery left this silo (deactivated); another silo reports it.</summary>
    public void Stopped(int partition) => Volatile.Write(ref _caughtUpAt[partition], 0);

    /// <summary>Each partition delivered on this silo with its lag.</summary>
    public IEnumerable<(int Partition, TimeSpan Lag)> Partitions()
    {
        var now = Environment.TickCount64;
        for (var partition = 0; partition < _caughtUpAt.Length; partition++)
        {
            var at = Volatile.Read(ref _caughtUpAt[partition]);
            if (at != 0)
            {
                yield return (partition, TimeSpan.FromMilliseconds(Math.Max(0, now - at)));
            }
        }
    }
}
