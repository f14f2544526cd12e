using System.IO.Hashing;
using System.Text;

namespace Pulse.Grains.Graph;

/// <summary>Which shard of the relationship graph holds a customer: a stable hash of the id, so every silo agrees.</summary>
public static class GraphShards
{
    public static int Of(string customerId, int shards)
    {
        ArgumentNullException.ThrowIfNull(customerId);

        // Asked for every residual a shard sends: the bytes go on the stack unless the id is unusually long.
        var length = Encoding.UTF8.GetByteCount(customerId);
        Span<byte> bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(customerId, bytes);

        // A seed of its own: shards and log partitions are independent splits.
        return (int)(XxHash32.HashToUInt32(bytes, seed: 0x6A09E667) % (uint)shards);
    }
}
