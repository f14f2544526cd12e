using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Pulse.Analytics.Graph;

namespace Pulse.Grains.Graph;

/// <summary>
/// Core numbers (Batagelj–Zaversnik) and communities (Louvain) over the whole graph, every
/// <see cref="GraphOptions.AnalysisInterval"/>: it gathers the shards' arcs into one undirected graph
/// (a relationship either way, weights summed), computes, and hands each shard its customers' results.
/// Each community is named after its most influential member, so the name survives re-runs while that
/// member leads it. This is the one place the whole graph is held, for the length of a run: 48 bytes an
/// edge (see docs/graph.md for the limit and the way past it).
/// </summary>
public sealed partial class GraphAnalysisGrain(
    IGrainFactory grains,
    IOptions<GraphOptions> options,
    ILogger<GraphAnalysisGrain> logger) : Grain, IGraphAnalysisGrain
{
    private readonly CancellationTokenSource _deactivating = new();
    private Task _loop = Task.CompletedTask;
    private bool _running;

    public Task WakeAsync()
    {
        if (_loop.IsCompleted)
        {
            _loop = Task.Factory.StartNew(LoopAsync, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Current).Unwrap();
        }

        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _deactivating.CancelAsync();
        await _loop;
    }

    public async Task<int> RunAsync()
    {
        if (_running)
        {
            return -1;
        }

        _running = true;
        try
        {
            return await AnalyseAsync();
        }
        finally
        {
            _running = false;
        }
    }

    private async Task LoopAsync()
    {
        var token = _deactivating.Token;
        var wait = TimeSpan.FromSeconds(10);
        while (!token.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(wait, token);
                DelayDeactivation(options.Value.AnalysisInterval * 2);
                await RunAsync();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogAnalysisFailed(ex);
            }

            wait = options.Value.AnalysisInterval;
        }
    }

    private async Task<int> AnalyseAsync()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var shards = options.Value.Shards;
        var parts = await Task.WhenAll(Enumerable.Range(0, shards).Select(s => grains.GetGrain<IGraphShardGrain>(s).GetArcsAsync()));
        var graph = new RelationshipGraph(new RelationshipGraphOptions { Directed = false });
        var influence = new Dictionary<string, double>(StringComparer.Ordinal);
        var at = DateTimeOffset.UnixEpoch;
        foreach (var part in parts)
        {
            for (var i = 0; i < part.Customers.Length; i++)
            {
                graph.AddCustomer(part.Customers[i]);
                influence[part.Customers[i]] = part.Influence[i];
            }

            for (var a = 0; a < part.From.Length; a++)
            {
                var from = part.Customers[part.From[a]];
                if (from != part.To[a] && part.Weight[a] > 0)
                {
                    graph.Strengthen(from, part.To[a], RelationshipKind.Other, at, part.Weight[a]);
                }
            }
        }

        // Seconds of CPU on a large graph: off the grain's scheduler, so the silo's other grains keep their turns.
        var (cores, communities, modularity) = await Task.Run(() =>
        {
            var found = Louvain.Detect(graph, seed: 1);
            return (CoreDecomposition.Compute(graph), found, Modularity.Of(graph, found));
        });

        // Name each community after its most influential member.
        var leader = new int[communities.Count];
        Array.Fill(leader, -1);
        for (var v = 0; v < graph.Slots; v++)
        {
            var c = communities.CommunityOf[v];
            if (c >= 0 && (leader[c] < 0 || Influence(v) > Influence(leader[c])))
            {
                leader[c] = v;
            }
        }

        var perShard = Enumerable.Range(0, shards).Select(_ => (Ids: new List<string>(), Cores: new List<int>(), Names: new List<string>(), Sizes: new List<int>())).ToArray();
        for (var v = 0; v < graph.Slots; v++)
        {
            var id = graph.CustomerAt(v);
            var c = communities.CommunityOf[v];
            var target = perShard[GraphShards.Of(id, shards)];
            target.Ids.Add(id);
            target.Cores.Add(cores[v]);
            target.Names.Add(graph.CustomerAt(leader[c]));
            target.Sizes.Add(communities.Sizes[c]);
        }

        await Task.WhenAll(perShard.Select((p, s) => grains.GetGrain<IGraphShardGrain>(s)
            .SetStructureAsync(new CustomerStructure([.. p.Ids], [.. p.Cores], [.. p.Names], [.. p.Sizes]))));
        await grains.GetGrain<IGraphCensusGrain>(0).RecordAnalysisAsync(communities.Count, modularity, DateTimeOffset.UtcNow);
        LogAnalysed(graph.CustomerCount, graph.EdgeCount, communities.Count, modularity, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return communities.Count;

        double Influence(int slot) => influence.GetValueOrDefault(graph.CustomerAt(slot));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph analysis: {Customers} customers, {Edges} edges, {Communities} communities (modularity {Modularity:F3}) in {Milliseconds:F0} ms")]
    private partial void LogAnalysed(int customers, int edges, int communities, double modularity, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph analysis failed; it runs again at the next interval")]
    private partial void LogAnalysisFailed(Exception exception);
}
