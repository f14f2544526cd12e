using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Orleans.Runtime;

namespace Pulse.Web.Cluster;

/// <summary><c>GET /api/v1/cluster</c>: silos, their status, and where the customers live.</summary>
public static class ClusterEndpoints
{
    /// <summary>Orleans names the customer grain type after its class.</summary>
    private const string CustomerGrainType = "CustomerGrain";

    public static IEndpointRouteBuilder MapClusterEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/cluster", GetClusterAsync)
            .WithName("GetCluster")
            .WithTags("Operations")
            .WithSummary("Silos with their status and activation counts (customers and all grains).")
            .Produces<ClusterView>()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> GetClusterAsync(IGrainFactory grains)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        Dictionary<SiloAddress, SiloStatus> hosts;
        SimpleGrainStatistic[] statistics;
        try
        {
            hosts = await management.GetHosts(onlyActive: false);
            statistics = await management.GetSimpleGrainStatistics();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A silo joining or leaving can fail the statistics round for a moment.
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Cluster changing",
                detail: $"The cluster could not be surveyed right now ({ex.GetType().Name}); retry.");
        }

        var bySilo = statistics.GroupBy(s => s.SiloAddress).ToDictionary(
            g => g.Key,
            g => (Customers: g.Where(s => s.GrainType.Contains(CustomerGrainType, StringComparison.Ordinal)).Sum(s => (long)s.ActivationCount), All: g.Sum(s => (long)s.ActivationCount)));
        var silos = hosts
            .Where(h => h.Value is not SiloStatus.Dead || bySilo.ContainsKey(h.Key))
            .OrderBy(h => h.Key.ToString(), StringComparer.Ordinal)
            .Select(h => new SiloView(h.Key.ToString(), h.Value.ToString(), bySilo.GetValueOrDefault(h.Key).Customers, bySilo.GetValueOrDefault(h.Key).All))
            .ToList();
        return Results.Ok(new ClusterView(silos, silos.Sum(s => s.CustomerActivations)));
    }
}
