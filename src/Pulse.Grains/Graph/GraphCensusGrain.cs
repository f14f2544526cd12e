using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Analytics.Graph;
using Pulse.Contracts.Graph;

namespace Pulse.Grains.Graph;

/// <summary>
/// Sums what the graph's shards report (customers, Σp, the influence histogram, their top customers) and
/// keeps the resync epoch. Each shard reports at most twice a second, so the census is never hot; it holds
/// no customer's data beyond the shards' top lists.
/// </summary>
public sealed class GraphCensusGrain(
    [PersistentState("graph-census", PulseStorage.Models)] IPersistentState<GraphCensusState> saved,
    IGrainFactory grains,
    IOptions<GraphOptions> options) : Grain, IGraphCensusGrain
{
    // The shards run IncrementalPageRank with its default damping.
    private static readonly double Damping = new IncrementalPageRankOptions().Damping;

    private readonly Dictionary<int, ShardReport> _reports = [];
    private (int Communities, double Modularity, DateTimeOffset At)? _analysis;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Cores and communities run on their own schedule once the graph has a census.
        grains.GetGrain<IGraphAnalysisGrain>(0).WakeAsync().Ignore();
        return Task.CompletedTask;
    }

    public async Task<GraphTotals> ReportAsync(ShardReport report)
    {
        if (report.Epoch > saved.State.Epoch)
        {
            // A census that restarted learns the epoch from the shards.
            saved.State.Epoch = report.Epoch;
            await saved.WriteStateAsync();
        }

        _reports[report.Shard] = report;
        var distribution = new InfluenceDistribution();
        foreach (var r in _reports.Values)
        {
            distribution.Merge(InfluenceDistribution.FromCounts(r.Distribution));
        }

        return new GraphTotals(saved.State.Epoch, _reports.Values.Sum(r => r.Customers), _reports.Values.Sum(r => r.EstimateSum), distribution.Counts());
    }

    public async Task<long> RequestResyncAsync(long seen)
    {
        if (saved.State.Epoch <= seen)
        {
            saved.State.Epoch = seen + 1;
            await saved.WriteStateAsync();
            var epoch = saved.State.Epoch;
            for (var shard = 0; shard < options.Value.Shards; shard++)
            {
                grains.GetGrain<IGraphShardGrain>(shard).ResyncAsync(epoch).Ignore();
            }
        }

        return saved.State.Epoch;
    }

    public Task RecordAnalysisAsync(int communities, double modularity, DateTimeOffset at)
    {
        _analysis = (communities, modularity, at);
        return Task.CompletedTask;
    }

    public Task<GraphStatus> GetStatusAsync()
    {
        var customers = _reports.Values.Sum(r => r.Customers);
        var sum = _reports.Values.Sum(r => r.EstimateSum);
        var residual = _reports.Values.Sum(r => r.ResidualMass);

        // IncrementalPageRank's bound: 2‖r‖₁ / ((1 − α)·‖y‖₁), with ‖y‖₁ at least N.
        var mass = Math.Max(customers, sum);
        var bound = mass > 0 ? 2 * residual / ((1 - Damping) * mass) : 0;
        return Task.FromResult(new GraphStatus(
            options.Value.Shards,
            _reports.Count,
            customers,
            _reports.Values.Sum(r => r.Arcs),
            saved.State.Epoch,
            bound,
            _analysis?.Communities ?? 0,
            _analysis?.Modularity,
            _analysis?.At));
    }
}
