using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pulse.Contracts.Graph;
using Pulse.Web.Http;
using Pulse.Contracts.Interactions;

namespace Pulse.Web.Graph;

/// <summary>
/// The relationship graph: a customer's network (<c>/api/v1/customers/{id}/network</c>), the most influential
/// customers (<c>/api/v1/influencers</c>) and the graph as a whole (<c>/api/v1/graph/status</c>).
/// </summary>
public static class GraphEndpoints
{
    public const int DefaultNeighbours = 50;
    public const int DefaultTop = 10;
    public const int MaxCount = 1_000;

    public static IEndpointRouteBuilder MapGraphEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/customers").WithTags("Graph")
            .MapGet("/{id}/network", NetworkAsync)
            .WithName("GetCustomerNetwork")
            .WithSummary("The customer's influence, community, core, network value, churn contagion and strongest relationships (?neighbours=50, 0–1000).")
            .Produces<CustomerNetwork>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGroup("/api/v1/influencers").WithTags("Graph")
            .MapGet(string.Empty, InfluencersAsync)
            .WithName("ListInfluencers")
            .WithSummary("The most influential customers, most influential first (?top=10, 1–1000).")
            .Produces<IReadOnlyList<Influencer>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        routes.MapGroup("/api/v1/graph").WithTags("Graph")
            .MapGet("/status", StatusAsync)
            .WithName("GetGraphStatus")
            .WithSummary("The graph as a whole: shards reporting, customers, arcs, resync epoch, PageRank error bound, communities and modularity.")
            .Produces<GraphStatus>();

        return routes;
    }

    private static async Task<IResult> NetworkAsync(string id, string? neighbours, IGrainFactory grains)
    {
        if (RequestProblems.CustomerId(id) is { } invalid)
        {
            return invalid;
        }

        if (RequestProblems.Count("neighbours", neighbours, DefaultNeighbours, 0, MaxCount, out var count) is { } problem)
        {
            return problem;
        }

        var network = await grains.GetGrain<IRelationshipGraphGrain>(0).GetNetworkAsync(id, count);
        return network is null
            ? Results.Problem(statusCode: 404, title: "Not in the relationship graph", detail: $"Customer '{id}' has never had a relationship (a referral, household, mention or call transfer).")
            : Results.Ok(network);
    }

    private static async Task<IResult> InfluencersAsync(string? top, IGrainFactory grains)
    {
        if (RequestProblems.Count("top", top, DefaultTop, 1, MaxCount, out var count) is { } problem)
        {
            return problem;
        }

        return Results.Ok(await grains.GetGrain<IRelationshipGraphGrain>(0).GetInfluencersAsync(count));
    }

    private static async Task<IResult> StatusAsync(IGrainFactory grains) =>
        Results.Ok(await grains.GetGrain<IRelationshipGraphGrain>(0).GetStatusAsync());
}
