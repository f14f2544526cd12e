namespace Pulse.Grains.Graph;

/// <summary>The relationship graph (<c>Pulse:Graph</c>).</summary>
public sealed class GraphOptions
{
    /// <summary>Whether relationships are followed at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Shards the graph is split into, by a hash of the customer id. Fixed for a cluster's life: every shard
    /// rebuilds from the log, so changing it means restarting every silo.
    /// </summary>
    public int Shards { get; set; } = 8;

    /// <summary>Event time after which a relationship's weight has halved when nothing renews it.</summary>
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The PageRank push threshold ε (see IncrementalPageRankOptions): 1e-6 keeps the L1 error near 1e-6.</summary>
    public double PushThreshold { get; set; } = 1e-6;

    /// <summary>
    /// Work (customers and arcs visited) a shard pushes in one turn at most, largest residuals first; the
    /// rest in the next turn, after the events and messages that arrived meanwhile. Keeps a shard answering
    /// while a large change spreads; under more load than the cores can push, the error bound grows instead
    /// of the latency (the graph status shows it).
    /// </summary>
    public long MaxWorkPerFlush { get; set; } = 50_000;

    /// <summary>
    /// After a turn that left pushes pending, a shard waits this long before the next, so that pushing a large
    /// change never takes the cores from delivery, customers and the API (events still flush at once).
    /// </summary>
    public TimeSpan PushPause { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Residual owed to another shard's customer is sent once it exceeds this many times the customer's push
    /// threshold, ε·(1 + out-degree) as far as this shard sees it (smaller amounts gather first; all of it
    /// goes when the shard is quiet).
    /// </summary>
    public double OutboxGather { get; set; } = 32;

    /// <summary>At each neighbour refresh, a customer whose influence, network value or churn contagion moved by this share since they were last told is told again (a change to their own relationships tells them at once).</summary>
    public double NotifyRelativeChange { get; set; } = 0.05;

    /// <summary>At most this many customers are told per flush of a shard; the rest on the next flushes.</summary>
    public int MaxNotificationsPerFlush { get; set; } = 2_000;

    /// <summary>Relationships listed on a customer's profile.</summary>
    public int TopNeighbours { get; set; } = 5;

    /// <summary>A neighbour counts towards churn contagion from this churn risk.</summary>
    public double ChurnRiskThreshold { get; set; } = 0.5;

    /// <summary>How often a shard refreshes what it knows of other shards' customers (influence, value, risk) and recomputes network value and churn contagion.</summary>
    public TimeSpan NeighbourRefreshInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How often cores and communities are recomputed over the whole graph. A run costs a core for a while
    /// (about 20 s for a million edges here, most of it Louvain), so not often.
    /// </summary>
    public TimeSpan AnalysisInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A shard waiting this long for the others' flows after a resync asks for a new one.</summary>
    public TimeSpan ResyncTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a shard reports to the census at most (its totals, for normalisation and percentiles).</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Throws when an option is out of range.</summary>
    public void Validate()
    {
        if (Shards is < 1 or > 1024)
        {
            throw new ArgumentOutOfRangeException(nameof(Shards), Shards, "Pulse:Graph:Shards must be 1 to 1024.");
        }

        if (!(PushThreshold > 0 && PushThreshold < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(PushThreshold), PushThreshold, "Pulse:Graph:PushThreshold must be in (0, 1).");
        }

        if (HalfLife <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(HalfLife), HalfLife, "Pulse:Graph:HalfLife must be positive.");
        }

        if (!(OutboxGather >= 0) || double.IsInfinity(OutboxGather))
        {
            throw new ArgumentOutOfRangeException(nameof(OutboxGather), OutboxGather, "Pulse:Graph:OutboxGather must be zero or more.");
        }
    }
}
