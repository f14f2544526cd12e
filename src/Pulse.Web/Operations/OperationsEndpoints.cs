using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Pulse.Contracts.Operations;
using Pulse.Web.Live;

namespace Pulse.Web.Operations;

/// <summary><c>GET /api/v1/operations/stats</c>: the live figures of the operator view.</summary>
public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperationsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/operations/stats", GetStatsAsync)
            .WithName("GetOperationsStats")
            .WithTags("Operations")
            .WithSummary("Events accepted and applied per second, event-to-applied latency, and what this process keeps live.")
            .Produces<OperationsStats>();
        return routes;
    }

    private static async Task<IResult> GetStatsAsync(IGrainFactory grains, IngestActivity ingest, CustomerWatchRegistry watches, IConfiguration configuration)
    {
        var activity = await grains.GetGrain<IOperationsGrain>(0).GetActivityAsync();
        return Results.Ok(new OperationsStats(
            Math.Round(ingest.PerSecond(), 1),
            Math.Round(activity.AppliedPerSecond, 1),
            new LatencyPercentiles(Round(activity.LatencyP50Ms), Round(activity.LatencyP95Ms), Round(activity.LatencyP99Ms)),
            activity.Silos,
            watches.Count,
            configuration["Pulse:Operations:DashboardUrl"]));
    }

    private static double? Round(double? value) => value is { } v ? Math.Round(v, 1) : null;
}
