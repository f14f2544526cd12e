using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Pulse.Grains.Customers;

/// <summary>
/// A bounded memory of the event ids a customer applied, so a redelivered or replayed event is applied
/// once. Holds 64-bit hashes of the last <see cref="Capacity"/> ids with their log positions (4 KiB a
/// customer); an event older in the log than anything remembered counts as already applied.
/// </summary>
public sealed class SeenEvents
{
    public const int Capacity = 256;

    private readonly ulong[] _hashes = new ulong[Capacity];
    private readonly long[] _positions = new long[Capacity];
    private readonly HashSet<ulong> _set = new(Capacity);
    private int _count;
    private int _next;

    /// <summary>True if this event was applied before; otherwise remembers it and returns false.</summary>
    public bool CheckAndAdd(string eventId, long position)
    {
        var hash = Hash(eventId);
        if (_set.Contains(hash))
        {
            return true;
        }

        // The oldest remembered entry sits at _next once full; anything logged before it was seen and forgotten.
        if (_count == Capacity && position > 0 && position < _positions[_next])
        {
            return true;
        }

        if (_count == Capacity)
        {
            _set.Remove(_hashes[_next]);
        }
        else
        {
            _count++;
        }

        _hashes[_next] = hash;
        _positions[_next] = position;
        _set.Add(hash);
        _next = (_next + 1) % Capacity;
        return false;
    }

    /// <summary>
    /// The lowest log position remembered (0 when none): replaying the log from just before it can
    /// only bring back events already applied (refused here) or events missed (applied now).
    /// </summary>
    public long OldestPosition
    {
        get
        {
            var oldest = 0L;
            for (var i = 0; i < _count; i++)
            {
                var position = _positions[i];
                if (position > 0 && (oldest == 0 || position < oldest))
                {
                    oldest = position;
                }
            }

            return oldest;
        }
    }

    /// <summary>The remembered entries, oldest first, for checkpoints.</summary>
    public (ulong[] Hashes, long[] Positions) Snapshot()
    {
        var hashes = new ulong[_count];
        var positions = new long[_count];
        var start = _count == Capacity ? _next : 0;
        for (var i = 0; i < _count; i++)
        {
            hashes[i] = _hashes[(start + i) % Capacity];
            positions[i] = _positions[(start + i) % Capacity];
        }

        return (hashes, positions);
    }

    /// <summary>Rebuilds the memory from a <see cref="Snapshot"/>.</summary>
    public static SeenEvents Restore(IReadOnlyList<ulong> hashes, IReadOnlyList<long> positions)
    {
        var seen = new SeenEvents();
        var skip = Math.Max(0, hashes.Count - Capacity);
        for (var i = skip; i < hashes.Count; i++)
        {
            seen.Remember(hashes[i], positions[i]);
        }

        return seen;
    }

    private void Remember(ulong hash, long position)
    {
        if (!_set.Add(hash))
        {
            return;
        }

        _hashes[_next] = hash;
        _positions[_next] = position;
        _next = (_next + 1) % Capacity;
        _count = Math.Min(Capacity, _count + 1);
    }

    // Stable across processes (string.GetHashCode is randomised per process), so checkpoints stay valid.
    private static ulong Hash(string eventId) => XxHash64.HashToUInt64(MemoryMarshal.AsBytes(eventId.AsSpan()));
}
