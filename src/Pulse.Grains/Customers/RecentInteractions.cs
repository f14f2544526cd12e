using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Customers;

/// <summary>The latest interactions by event time, at most <see cref="Capacity"/>; late arrivals take their place in time.</summary>
public sealed class RecentInteractions
{
    public const int Capacity = 50;

    // Ascending by event time; the oldest is dropped when full.
    private readonly List<Interaction> _items = new(Capacity + 1);

    public int Count => _items.Count;

    public void Add(Interaction interaction)
    {
        if (_items.Count == Capacity && interaction.Timestamp < _items[0].Timestamp)
        {
            return;
        }

        var i = _items.Count;
        while (i > 0 && _items[i - 1].Timestamp > interaction.Timestamp)
        {
            i--;
        }

        _items.Insert(i, interaction);
        if (_items.Count > Capacity)
        {
            _items.RemoveAt(0);
        }
    }

    /// <summary>Newest first.</summary>
    public IReadOnlyList<Interaction> NewestFirst()
    {
        var copy = _items.ToArray();
        Array.Reverse(copy);
        return copy;
    }

    /// <summary>Oldest first, for checkpoints.</summary>
    public List<Interaction> Snapshot() => [.. _items];
}
