using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using Pulse.Contracts.Interactions;

namespace Pulse.Grains.InteractionLog;

/// <summary>
/// The local profile's interaction log: one per process, bounded, lost with the process. It gives the
/// same contract as the durable log (positions, unique event ids, replay by customer) so the rest of
/// Pulse behaves the same on a laptop and in a cluster.
/// </summary>
public sealed class InMemoryInteractionLog(IOptions<InMemoryInteractionLogOptions> options) : IInteractionLog
{
    private readonly int _capacity = Math.Max(1, options.Value.Capacity);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Interaction> _byEventId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Queue<Interaction>> _byCustomer = new(StringComparer.Ordinal);
    private readonly Queue<Interaction> _order = new();
    private long _lastPosition;

    /// <summary>Interactions held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _order.Count;
            }
        }
    }

    public ValueTask<IReadOnlyList<LoggedInteraction>> AppendAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var result = new LoggedInteraction[interactions.Count];
        lock (_lock)
        {
            for (var i = 0; i < interactions.Count; i++)
            {
                var interaction = interactions[i];
                if (_byEventId.TryGetValue(interaction.EventId, out var existing))
                {
                    result[i] = new LoggedInteraction(existing, IsDuplicate: true);
                    continue;
                }

                var logged = interaction with { Position = ++_lastPosition };
                _byEventId.Add(logged.EventId, logged);
                if (!_byCustomer.TryGetValue(logged.CustomerId, out var queue))
                {
                    queue = new Queue<Interaction>();
                    _byCustomer.Add(logged.CustomerId, queue);
                }

                queue.Enqueue(logged);
                _order.Enqueue(logged);
                result[i] = new LoggedInteraction(logged, IsDuplicate: false);
                EvictOverCapacity();
            }
        }

        return ValueTask.FromResult<IReadOnlyList<LoggedInteraction>>(result);
    }

    public async IAsyncEnumerable<Interaction> ReadAsync(string customerId, long afterPosition, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Interaction[] snapshot;
        lock (_lock)
        {
            snapshot = _byCustomer.TryGetValue(customerId, out var queue)
                ? queue.Where(i => i.Position > afterPosition).ToArray()
                : [];
        }

        foreach (var interaction in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return interaction;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private void EvictOverCapacity()
    {
        while (_order.Count > _capacity)
        {
            // Positions grow with time, so the oldest overall is also the oldest of its customer.
            var oldest = _order.Dequeue();
            _byEventId.Remove(oldest.EventId);
            var queue = _byCustomer[oldest.CustomerId];
            queue.Dequeue();
            if (queue.Count == 0)
            {
                _byCustomer.Remove(oldest.CustomerId);
            }
        }
    }
}
