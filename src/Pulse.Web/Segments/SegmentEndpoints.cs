using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Segments;

namespace Pulse.Web.Segments;

/// <summary><c>/api/v1/segments</c>: the live segments, their customers, how the model is fed, and help choosing k.</summary>
public static class SegmentEndpoints
{
    public const int DefaultPage = 100;

    public static IEndpointRouteBuilder MapSegmentEndpoints(this IEndpointRouteBuilder routes)
    {
        var segments = routes.MapGroup("/api/v1/segments").WithTags("Segments");

        segments.MapGet(string.Empty, ListAsync)
            .WithName("ListSegments")
            .WithSummary("Every segment: size, description, what sets it apart, centre, live means of CLV, churn risk and sentiment, drift; and recent drift alerts.")
            .Produces<SegmentListing>();

        segments.MapGet("/{id:int}/customers", CustomersAsync)
            .WithName("GetSegmentCustomers")
            .WithSummary("A segment's customers in id order, a page at a time (?after=<last id>&limit=100).")
            .Produces<SegmentMembersPage>()
            .ProducesProblem(StatusCodes.Status400BadRequest);

        segments.MapGet("/status", StatusAsync)
            .WithName("GetSegmentationStatus")
            .WithSummary("How the model is fed: its version, points applied, and mini-batches per second from each silo over the last minute.")
            .Produces<SegmentationStatus>();

        segments.MapGet("/suggest-k", SuggestKAsync)
            .WithName("SuggestK")
            .WithSummary("Batch k-means for k = 2..max on the model's sample: inertia (elbow) and mean silhouette, to help choose Pulse:Segments:K.")
            .Produces<KSuggestion>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return routes;
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var model = grains.GetGrain<ISegmentationGrain>(ISegmentationGrain.Default);
        var descriptions = await model.GetSegmentsAsync();
        var drift = await model.GetDriftAsync();
        var version = await model.GetVersionAsync();
        var counts = await grains.GetGrain<ISegmentMembersGrain>(0).CountsAsync();
        var features = descriptions.Count > 0 ? [.. descriptions[0].Centre.Keys] : (await model.GetModelAsync()).Features;
        var views = new List<SegmentView>(descriptions.Count);
        foreach (var segment in descriptions)
        {
            var statistics = await grains.GetGrain<ISegmentGrain>(segment.Segment).GetStatisticsAsync();
            static double At(double[] values, int i) => i < values.Length ? values[i] : 0;
            views.Add(new SegmentView(
                segment.Segment,
                counts.GetValueOrDefault(segment.Segment),
                segment.Weight,
                segment.Description,
                segment.Traits,
                segment.Centre,
                statistics.MeanLifetimeValue,
                statistics.MeanChurnRisk,
                statistics.MeanSentiment,
                new SegmentMovement(At(drift.LastBatch, segment.Segment), At(drift.OverWindow, segment.Segment), At(drift.SinceReference, segment.Segment))));
        }

        return Results.Ok(new SegmentListing(version, descriptions.Count > 0, features, drift.WindowBatches, views, drift.Alerts));
    }

    private static async Task<IResult> CustomersAsync(int id, string? after, int? limit, IGrainFactory grains)
    {
        var size = limit ?? DefaultPage;
        if (size is < 1 or > 1_000)
        {
            return Results.Problem(statusCode: 400, title: "Invalid limit", detail: $"limit: {size} is not between 1 and 1000.");
        }

        if (after is { Length: > InteractionLimits.MaxIdLength })
        {
            return Results.Problem(statusCode: 400, title: "Invalid after", detail: $"after: a customer id, at most {InteractionLimits.MaxIdLength} characters.");
        }

        var page = await grains.GetGrain<ISegmentMembersGrain>(0).PageAsync(id, after, size);
        return Results.Ok(new SegmentMembersPage(id, page, page.Count == size ? page[^1].CustomerId : null));
    }

    private static async Task<IResult> StatusAsync(IGrainFactory grains) =>
        Results.Ok(await grains.GetGrain<ISegmentationGrain>(ISegmentationGrain.Default).GetStatusAsync());

    private static async Task<IResult> SuggestKAsync(int? max, IGrainFactory grains)
    {
        var maxK = max ?? 10;
        if (maxK is < 2 or > 30)
        {
            return Results.Problem(statusCode: 400, title: "Invalid max", detail: $"max: {maxK} is not between 2 and 30.");
        }

        try
        {
            return Results.Ok(await grains.GetGrain<ISegmentationGrain>(ISegmentationGrain.Default).SuggestKAsync(maxK));
        }
        catch (InvalidOperationException ex)
        {
            return Results.Problem(statusCode: 409, title: "Not enough customers yet", detail: ex.Message);
        }
    }
}
