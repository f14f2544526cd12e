using System.IO.Hashing;
using System.Text;

namespace Pulse.Grains.InteractionLog;

/// <summary>
/// The log is delivered in a fixed number of partitions, each by one delivery grain, so that no one
/// grain carries the whole stream. A customer's partition is a stable hash of its id; it is stored
/// with every row, so the count is part of the schema and does not change.
/// </summary>
public static class LogPartitions
{
    public const int Count = 8;

    public static int Of(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetMaxByteCount(customerId.Length) <= buffer.Length
            ? buffer[..Encoding.UTF8.GetBytes(customerId, buffer)]
            : Encoding.UTF8.GetBytes(customerId);
        return (int)(XxHash32.HashToUInt32(bytes) % Count);
    }
}
