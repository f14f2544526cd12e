using System.Runtime.CompilerServices;
using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Customers;

/// <summary>
/// Reads several customers' logs as one, in log position order: a survivor replays its own log and those
/// of the customers merged into it as if one customer had received them all.
/// </summary>
public static class LogMerge
{
    /// <summary>Merges streams each in position order into one in position order (ties: the earlier stream first).</summary>
    public static async IAsyncEnumerable<Interaction> ByPositionAsync(IReadOnlyList<IAsyncEnumerable<Interaction>> logs, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var readers = new List<IAsyncEnumerator<Interaction>>(logs.Count);
        try
        {
            // A k-way merge holds one interaction per log, not whole histories.
            var heads = new PriorityQueue<int, (long Position, int Log)>();
            foreach (var log in logs)
            {
                var reader = log.GetAsyncEnumerator(cancellationToken);
                readers.Add(reader);
                if (await reader.MoveNextAsync())
                {
                    heads.Enqueue(readers.Count - 1, (reader.Current.Position, readers.Count - 1));
                }
            }

            while (heads.TryDequeue(out var index, out _))
            {
                var reader = readers[index];
                yield return reader.Current;
                if (await reader.MoveNextAsync())
                {
                    heads.Enqueue(index, (reader.Current.Position, index));
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }
        }
    }
}
