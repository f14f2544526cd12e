using Pulse.Analytics.Graph;

namespace Pulse.Analytics.Tests.Graph;

/// <summary>
/// A graph split over shards the way the graph grains split it (each customer owned by one shard by a hash of
/// its id; each shard holds every arc at its customers), with the messages between shards delivered in
/// process: what the grain tests run over Orleans, here without it.
/// </summary>
internal sealed class ShardedGraph : IDisposable
{
    private readonly RelationshipGraphOptions _options;
    private readonly IncrementalPageRankOptions _rankOptions;
    private readonly List<(string From, string To, RelationshipKind Kind, long Ticks, bool Remove)> _events = [];

    public ShardedGraph(int shards, RelationshipGraphOptions options, IncrementalPageRankOptions? rankOptions = null)
    {
        _options = options;
        _rankOptions = rankOptions ?? new IncrementalPageRankOptions();
        Graphs = new RelationshipGraph[shards];
        Ranks = new IncrementalPageRank[shards];
        for (var s = 0; s < shards; s++)
        {
            Graphs[s] = new RelationshipGraph(options);
            var shard = s;
            Ranks[s] = IncrementalPageRank.ForShard(Graphs[s], id => Owner(id) == shard, _rankOptions);
        }

        Whole = new RelationshipGraph(options);
    }

    public RelationshipGraph[] Graphs { get; }

    public IncrementalPageRank[] Ranks { get; }

    /// <summary>The same events on one unsplit graph, for the reference.</summary>
    public RelationshipGraph Whole { get; }

    /// <summary>Messages delivered between shards so far.</summary>
    public long Messages { get; private set; }

    public int Owner(string customerId)
    {
        // FNV-1a: stable, unlike string.GetHashCode across processes.
        var hash = 2166136261u;
        foreach (var c in customerId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % (uint)Graphs.Length);
    }

    public void Strengthen(string from, string to, RelationshipKind kind, long ticks)
    {
        _events.Add((from, to, kind, ticks, false));
        Whole.Strengthen(Whole.AddCustomer(from), Whole.AddCustomer(to), kind, ticks);
        foreach (var shard in Shards(from, to))
        {
            var g = Graphs[shard];
            g.Strengthen(g.AddCustomer(from), g.AddCustomer(to), kind, ticks);
        }
    }

    public void Remove(string from, string to, RelationshipKind kind)
    {
        _events.Add((from, to, kind, 0, true));
        Whole.Remove(from, to, kind);
        foreach (var shard in Shards(from, to))
        {
            Graphs[shard].Remove(from, to, kind);
        }
    }

    /// <summary>Flushes every shard and delivers what they owe each other until nothing is left to send.</summary>
    public int Settle()
    {
        var rounds = 0;
        bool sent;
        do
        {
            sent = false;
            rounds++;
            foreach (var rank in Ranks)
            {
                rank.Flush();
            }

            foreach (var rank in Ranks)
            {
                foreach (var (customer, amount) in rank.DrainOutbox())
                {
                    Ranks[Owner(customer)].ReceiveResidual(customer, amount);
                    Messages++;
                    sent = true;
                }
            }
        }
        while (sent);
        return rounds;
    }

    /// <summary>PageRank per customer id: each shard's estimates over the sum across shards.</summary>
    public Dictionary<string, double> Scores()
    {
        var total = Ranks.Sum(r => r.EstimateSum);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        for (var s = 0; s < Graphs.Length; s++)
        {
            for (var v = 0; v < Graphs[s].Slots; v++)
            {
                if (Ranks[s].IsOwned(v))
                {
                    scores.Add(Graphs[s].CustomerAt(v), Ranks[s].Estimate(v) / total);
                }
            }
        }

        return scores;
    }

    /// <summary>L1 distance of <see cref="Scores"/> from a converged power iteration over <see cref="Whole"/>.</summary>
    public double ErrorAgainstWhole()
    {
        var reference = PageRank.Compute(Whole, new PageRankOptions { Tolerance = 1e-15, MaxIterations = 2_000 }).Scores;
        var scores = Scores();
        Assert.Equal(Whole.CustomerCount, scores.Count);
        var error = 0.0;
        for (var v = 0; v < Whole.Slots; v++)
        {
            if (Whole.IsActive(v))
            {
                error += Math.Abs(scores[Whole.CustomerAt(v)] - reference[v]);
            }
        }

        return error;
    }

    /// <summary>Loses one shard (a silo went down): a new one is rebuilt from the events at its customers and starts cold.</summary>
    public void Restart(int shard)
    {
        Ranks[shard].Dispose();
        var graph = new RelationshipGraph(_options);
        foreach (var (from, to, kind, ticks, remove) in _events)
        {
            if (Owner(from) != shard && Owner(to) != shard)
            {
                continue;
            }

            if (remove)
            {
                graph.Remove(from, to, kind);
            }
            else
            {
                graph.Strengthen(graph.AddCustomer(from), graph.AddCustomer(to), kind, ticks);
            }
        }

        Graphs[shard] = graph;
        Ranks[shard] = IncrementalPageRank.ForShard(graph, id => Owner(id) == shard, _rankOptions);
    }

    /// <summary>Every shard recomputes its residuals from its estimates (what a restart calls for); outboxes then carry the flows afresh.</summary>
    public void ResyncAll()
    {
        foreach (var rank in Ranks)
        {
            rank.Resync();
        }
    }

    public void Dispose()
    {
        foreach (var rank in Ranks)
        {
            rank.Dispose();
        }
    }

    private IEnumerable<int> Shards(string from, string to)
    {
        var a = Owner(from);
        var b = Owner(to);
        yield return a;
        if (b != a)
        {
            yield return b;
        }
    }
}
