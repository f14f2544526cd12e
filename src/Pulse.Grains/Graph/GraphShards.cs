using System.IO.Hashing;
using System.Text;

namespace Pulse.Grains.Graph;

/// <summary>Which shard of the relationship graph holds a customer: a stable hash of the id, so every silo agrees.</summary>
public static class GraphShards
{
    public static int Of(string customerId, int shards)
    {
        ArgumentNullException.ThrowIfNull(customerId);

        // A seed of its own: shards and log partitions are independent splits.
        return (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(customerId), seed: 0x6A09E667) % (uint)shards);
    }
}
