using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pulse.Contracts.Models;

namespace Pulse.Web.Models;

/// <summary><c>/api/v1/models</c>: fit and read the published models.</summary>
public static class ModelEndpoints
{
    public static IEndpointRouteBuilder MapModelEndpoints(this IEndpointRouteBuilder routes)
    {
        var models = routes.MapGroup("/api/v1/models").WithTags("Models");

        models.MapPost("/clv/fit", FitClvAsync)
            .WithName("FitClv")
            .WithSummary("Fit BG/NBD, Gamma-Gamma and Pareto/NBD on the population as of a day and publish them as the next version.")
            .Produces<ClvModel>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        models.MapGet("/clv", GetClvAsync)
            .WithName("GetClv")
            .WithSummary("The latest published lifetime-value model.")
            .Produces<ClvModel>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        models.MapGet("/clv/versions", GetClvVersionsAsync)
            .WithName("GetClvVersions")
            .WithSummary("The published lifetime-value models, newest first.")
            .Produces<IReadOnlyList<ClvModel>>();

        return routes;
    }

    private static async Task<IResult> FitClvAsync(HttpRequest request, IGrainFactory grains)
    {
        ClvFitBody body;
        try
        {
            body = request.ContentLength is 0 or null && !request.Headers.TransferEncoding.Any()
                ? new ClvFitBody()
                : await request.ReadFromJsonAsync<ClvFitBody>(request.HttpContext.RequestAborted) ?? new ClvFitBody();
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: 400, title: "Invalid body", detail: $"The body is not a JSON object with asOf, periodDays and requestedBy: {ex.Message}");
        }

        DateOnly? asOf = null;
        if (body.AsOf is not null)
        {
            if (!DateOnly.TryParseExact(body.AsOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                return Results.Problem(statusCode: 400, title: "Invalid asOf", detail: $"asOf: '{body.AsOf}' is not a date in the form yyyy-MM-dd (e.g. 1997-09-30).");
            }

            asOf = day;
        }

        var periodDays = body.PeriodDays ?? 7;
        if (!(periodDays > 0) || periodDays > 366)
        {
            return Results.Problem(statusCode: 400, title: "Invalid periodDays", detail: $"periodDays: {periodDays} is not a number of days between 0 (exclusive) and 366.");
        }

        try
        {
            var model = await grains.GetGrain<IClvFitGrain>(Guid.NewGuid()).FitAsync(new ClvFitRequest(asOf, periodDays, body.RequestedBy ?? "api"));
            return Results.Ok(model);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Problem(statusCode: 422, title: "The models could not be fitted", detail: ex.Message);
        }
    }

    private static async Task<IResult> GetClvAsync(IGrainFactory grains) =>
        await grains.GetGrain<IModelRegistryGrain>(ModelNames.Clv).GetLatestClvAsync() is { } model
            ? Results.Ok(model)
            : Results.Problem(statusCode: 404, title: "No model", detail: "No lifetime-value model has been published yet: POST /api/v1/models/clv/fit.");

    private static async Task<IResult> GetClvVersionsAsync(IGrainFactory grains) =>
        Results.Ok(await grains.GetGrain<IModelRegistryGrain>(ModelNames.Clv).GetClvHistoryAsync());
}
