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

        models.MapGet(string.Empty, ListAsync)
            .WithName("ListModels")
            .WithSummary("Every model the registry holds: its latest version and that version's measures.")
            .Produces<IReadOnlyList<ModelListing>>();

        models.MapPost("/churn/train", TrainChurnAsync)
            .WithName("TrainChurn")
            .WithSummary("Train the churn model from the interaction log (point-in-time rows at cut-offs, or a CRM attribute as label), measure it and publish it.")
            .Produces<PublishedModel>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        models.MapGet("/{name}/versions", GetVersionsAsync)
            .WithName("GetModelVersions")
            .WithSummary("The published versions of a learned model (sentiment, churn), newest first, with lineage and measures.")
            .Produces<IReadOnlyList<PublishedModel>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        models.MapPost("/{name}/versions", PublishAsync)
            .WithName("PublishModel")
            .WithSummary("Publish a trained artifact (the zip `pulse model train-sentiment` writes) as the next version.")
            .Accepts<byte[]>("application/zip")
            .Produces<PublishedModel>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        models.MapGet("/{name}/versions/{version:int}/artifact", GetArtifactAsync)
            .WithName("GetModelArtifact")
            .WithSummary("Download a kept version's artifact.")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    /// <summary>Artifacts larger than this are refused (the shipped sentiment model is about 0.6 MB).</summary>
    public const long MaxArtifactBytes = 64L * 1024 * 1024;

    private static readonly string[] LearnedModels = [ModelNames.Sentiment, ModelNames.Churn];

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var listing = new List<ModelListing>();
        var clv = await grains.GetGrain<IModelRegistryGrain>(ModelNames.Clv).GetLatestClvAsync();
        listing.Add(clv is null
            ? new ModelListing(ModelNames.Clv, 0, "BG/NBD + Gamma-Gamma lifetime value", null, null, new Dictionary<string, double>())
            : new ModelListing(ModelNames.Clv, clv.Version, "BG/NBD + Gamma-Gamma lifetime value", clv.FittedAt, clv.RequestedBy, new Dictionary<string, double>
            {
                ["customers"] = clv.Customers,
                ["bg-nbd-log-likelihood"] = clv.BgNbd.LogLikelihood,
                ["gamma-gamma-log-likelihood"] = clv.GammaGamma.LogLikelihood,
            }));
        foreach (var name in LearnedModels)
        {
            var latest = await grains.GetGrain<IModelRegistryGrain>(name).GetLatestAsync();
            listing.Add(latest is null
                ? new ModelListing(name, 0, name == ModelNames.Churn ? "churn risk (not trained yet)" : "sentiment (none published)", null, null, new Dictionary<string, double>())
                : new ModelListing(name, latest.Version, latest.Trainer, latest.PublishedAt, latest.RequestedBy, latest.Metrics));
        }

        return Results.Ok(listing);
    }

    private static async Task<IResult> TrainChurnAsync(HttpRequest request, IGrainFactory grains)
    {
        var (body, bodyProblem) = await ReadOptionalBodyAsync(request, new ChurnTrainBody(), "a JSON object of training settings");
        if (bodyProblem is not null)
        {
            return bodyProblem;
        }

        ChurnLabel label;
        switch (body.Label ?? "no-purchase")
        {
            case "no-purchase": label = ChurnLabel.NoPurchase; break;
            case "no-interaction": label = ChurnLabel.NoInteraction; break;
            case "attribute": label = ChurnLabel.Attribute; break;
            default:
                return Results.Problem(statusCode: 400, title: "Invalid label", detail: $"label: '{body.Label}' is not one of no-purchase, no-interaction, attribute.");
        }

        DateTimeOffset? lastCutOff = null;
        if (body.LastCutOff is not null)
        {
            if (!DateTimeOffset.TryParse(body.LastCutOff, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Results.Problem(statusCode: 400, title: "Invalid lastCutOff", detail: $"lastCutOff: '{body.LastCutOff}' is not an ISO 8601 time (e.g. 2024-06-01T00:00:00Z).");
            }

            lastCutOff = parsed.ToUniversalTime();
        }

        var training = new ChurnTrainingRequest(
            label,
            body.HorizonDays ?? 30,
            body.CutOffs ?? 4,
            body.SpacingDays,
            lastCutOff,
            body.LabelAttribute,
            body.PositiveValue,
            body.HoldoutShare ?? 0.2,
            body.Seed ?? 20240501,
            body.RequestedBy ?? "api");
        try
        {
            return Results.Ok(await grains.GetGrain<IChurnTrainingGrain>(Guid.NewGuid()).TrainAsync(training));
        }
        catch (ArgumentException ex)
        {
            var field = ex.ParamName is { } name && name != "request" ? name : null;
            var detail = ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal);
            return field is null
                ? Results.Problem(statusCode: 422, title: "The churn model could not be trained", detail: detail)
                : Results.Problem(statusCode: 400, title: $"Invalid {field}", detail: detail);
        }
    }

    private static async Task<IResult> GetVersionsAsync(string name, IGrainFactory grains) =>
        UnknownLearnedModel(name) ?? Results.Ok(await grains.GetGrain<IModelRegistryGrain>(name).GetHistoryAsync());

    private static async Task<IResult> PublishAsync(string name, string? requestedBy, HttpRequest request, IGrainFactory grains)
    {
        if (UnknownLearnedModel(name) is { } unknown)
        {
            return unknown;
        }

        if (request.ContentLength > MaxArtifactBytes)
        {
            return Results.Problem(statusCode: 413, title: "Artifact too large", detail: $"body: {request.ContentLength} bytes; the limit is {MaxArtifactBytes}.");
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        if (buffer.Length == 0)
        {
            return Results.Problem(statusCode: 400, title: "Empty body", detail: "body: expected the artifact zip that `pulse model train-sentiment` writes.");
        }

        if (buffer.Length > MaxArtifactBytes)
        {
            return Results.Problem(statusCode: 413, title: "Artifact too large", detail: $"body: more than {MaxArtifactBytes} bytes.");
        }

        try
        {
            return Results.Ok(await grains.GetGrain<IModelRegistryGrain>(name).PublishArtifactAsync(buffer.ToArray(), requestedBy ?? "api"));
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(statusCode: 400, title: "Invalid artifact", detail: ex.Message.Replace($" (Parameter '{ex.ParamName}')", string.Empty, StringComparison.Ordinal));
        }
    }

    private static async Task<IResult> GetArtifactAsync(string name, int version, IGrainFactory grains)
    {
        if (UnknownLearnedModel(name) is { } unknown)
        {
            return unknown;
        }

        return await grains.GetGrain<IModelRegistryGrain>(name).GetArtifactAsync(version) is { } bytes
            ? Results.File(bytes, "application/zip", $"{name}-v{version}.zip")
            : Results.Problem(statusCode: 404, title: "No such version", detail: $"version: {name} version {version} is not kept (the registry keeps the latest 20).");
    }

    /// <summary>A body whose every field is optional: none at all means the defaults.</summary>
    private static async Task<(T Body, IResult? Problem)> ReadOptionalBodyAsync<T>(HttpRequest request, T defaults, string expected)
        where T : class
    {
        if (request.ContentLength is 0 or null && !request.Headers.TransferEncoding.Any())
        {
            return (defaults, null);
        }

        if (!request.HasJsonContentType())
        {
            return (defaults, Results.Problem(statusCode: 415, title: "Unsupported content type", detail: $"body: send {expected} as application/json, not '{request.ContentType ?? "none"}'."));
        }

        try
        {
            return (await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted) ?? defaults, null);
        }
        catch (JsonException ex)
        {
            return (defaults, Results.Problem(statusCode: 400, title: "Invalid body", detail: $"The body is not {expected}: {ex.Message}"));
        }
        catch (InvalidOperationException)
        {
            // The reader refuses text that is not valid UTF-8.
            return (defaults, Results.Problem(statusCode: 400, title: "Invalid body", detail: $"The body is not {expected}: it is not valid UTF-8 JSON."));
        }
    }

    private static IResult? UnknownLearnedModel(string name) =>
        LearnedModels.Contains(name, StringComparer.Ordinal)
            ? null
            : Results.Problem(statusCode: 404, title: "Unknown model", detail: $"name: '{name}' is not a learned model; expected one of {string.Join(", ", LearnedModels)} (lifetime value lives at /api/v1/models/clv).");

    private static async Task<IResult> FitClvAsync(HttpRequest request, IGrainFactory grains)
    {
        var (body, bodyProblem) = await ReadOptionalBodyAsync(request, new ClvFitBody(), "a JSON object with asOf, periodDays and requestedBy");
        if (bodyProblem is not null)
        {
            return bodyProblem;
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
