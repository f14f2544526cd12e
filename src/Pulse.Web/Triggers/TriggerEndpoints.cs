using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Pulse.Contracts.Triggers;

namespace Pulse.Web.Triggers;

/// <summary>
/// <c>/api/v1/triggers</c>: the trigger rules. The registry grain validates; a refused rule comes back as a
/// validation problem whose <c>errors</c> are keyed by the JSON path of each field at fault.
/// </summary>
public static class TriggerEndpoints
{
    /// <summary>Largest rule body accepted: far above any real rule, small enough that a wrong file is refused early.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>How many problems the <c>detail</c> line lists; every one is in <c>errors</c>.</summary>
    private const int DetailProblems = 3;

    private const string Path = "/api/v1/triggers";

    public static IEndpointRouteBuilder MapTriggerEndpoints(this IEndpointRouteBuilder routes)
    {
        var triggers = routes.MapGroup(Path).WithTags("Triggers");

        triggers.MapGet(string.Empty, ListAsync)
            .WithName("ListTriggers")
            .WithSummary("Every trigger rule, in id order, with the registry's version.")
            .Produces<TriggerRuleListing>();

        triggers.MapGet("/{id}", GetAsync)
            .WithName("GetTrigger")
            .WithSummary("One trigger rule.")
            .Produces<TriggerRuleView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        triggers.MapPut("/{id}", PutAsync)
            .WithName("PutTrigger")
            .WithSummary("Creates (201) or replaces (200) a rule; the body is the rule's JSON (its id, if given, must match).")
            .Accepts<JsonElement>("application/json")
            .Produces<TriggerRuleView>(StatusCodes.Status200OK)
            .Produces<TriggerRuleView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        triggers.MapPost(string.Empty, PostAsync)
            .WithName("CreateTrigger")
            .WithSummary("Creates a rule from a body that names its id; 409 when the id exists (PUT replaces).")
            .Accepts<JsonElement>("application/json")
            .Produces<TriggerRuleView>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        triggers.MapDelete("/{id}", DeleteAsync)
            .WithName("DeleteTrigger")
            .WithSummary("Removes a rule (its customers' states go with it at their next evaluation).")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound);

        triggers.MapPost("/{id}/enable", (string id, IGrainFactory grains) => SetEnabledAsync(id, true, grains))
            .WithName("EnableTrigger")
            .WithSummary("Enables a rule (saved again with enabled true).")
            .Produces<TriggerRuleView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        triggers.MapPost("/{id}/disable", (string id, IGrainFactory grains) => SetEnabledAsync(id, false, grains))
            .WithName("DisableTrigger")
            .WithSummary("Disables a rule: kept, with its customers' states, but not evaluated.")
            .Produces<TriggerRuleView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains)
    {
        var set = await Registry(grains).GetRuleSetAsync();
        return Results.Ok(new TriggerRuleListing(set.Version, [.. set.Rules.Select(View)]));
    }

    private static async Task<IResult> GetAsync(string id, IGrainFactory grains) =>
        await Registry(grains).GetAsync(id) is { } entry ? Results.Ok(View(entry)) : NotFound(id);

    private static async Task<IResult> PutAsync(string id, HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await ReadBodyAsync(request);
        return problem ?? Saved(await Registry(grains).SaveAsync(id, body!));
    }

    private static async Task<IResult> PostAsync(HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await ReadBodyAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        string? id;
        try
        {
            using var document = JsonDocument.Parse(body!);
            id = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException ex)
        {
            return Invalid([new("$", $"not valid JSON: {ex.Message}")]);
        }

        if (string.IsNullOrEmpty(id))
        {
            return Invalid([new("id", "is required to create a rule by POST (or PUT the rule at /api/v1/triggers/{id})")]);
        }

        // Checked before saving, so a POST never replaces a rule. Two POSTs of one new id racing each other
        // both pass; the second then replaces the first, as a PUT would.
        var registry = Registry(grains);
        if (await registry.GetAsync(id) is not null)
        {
            return Results.Problem(statusCode: 409, title: "Rule exists", detail: $"id: a rule '{id}' exists already; PUT {Path}/{id} replaces it.");
        }

        return Saved(await registry.SaveAsync(id, body!));
    }

    private static async Task<IResult> DeleteAsync(string id, IGrainFactory grains) =>
        await Registry(grains).DeleteAsync(id) ? Results.NoContent() : NotFound(id);

    /// <summary>Saves the stored rule again with <c>enabled</c> set, so the registry's version and the silos' caches move as for any change.</summary>
    private static async Task<IResult> SetEnabledAsync(string id, bool enabled, IGrainFactory grains)
    {
        var registry = Registry(grains);
        if (await registry.GetAsync(id) is not { } entry)
        {
            return NotFound(id);
        }

        if (entry.Enabled == enabled)
        {
            return Results.Ok(View(entry));
        }

        var rule = JsonNode.Parse(entry.Json)!.AsObject();
        rule["enabled"] = enabled;
        var result = await registry.SaveAsync(id, rule.ToJsonString());
        return result.Saved is { } saved ? Results.Ok(View(saved)) : Invalid(result.Problems);
    }

    private static IResult Saved(TriggerRuleSaveResult result)
    {
        if (result.Saved is not { } entry)
        {
            return Invalid(result.Problems);
        }

        var view = View(entry);
        return result.Created ? Results.Created($"{Path}/{Uri.EscapeDataString(entry.Id)}", view) : Results.Ok(view);
    }

    /// <summary>400 with every problem in <c>errors</c>, keyed by JSON path, and the first few in <c>detail</c> for readers of one line.</summary>
    private static IResult Invalid(IReadOnlyList<TriggerRuleProblem> problems)
    {
        var errors = problems
            .GroupBy(p => p.Path, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray(), StringComparer.Ordinal);
        var detail = string.Join("; ", problems.Take(DetailProblems).Select(p => $"{p.Path}: {p.Message}"));
        if (problems.Count > DetailProblems)
        {
            detail += string.Create(CultureInfo.InvariantCulture, $"; and {problems.Count - DetailProblems} more (see errors)");
        }

        return Results.ValidationProblem(errors, detail: detail, title: "Invalid trigger rule");
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: 404, title: "No such rule", detail: $"id: no trigger rule '{id}'.");

    /// <summary>Reads the body as UTF-8 text, refusing more than <see cref="MaxBodyBytes"/> whether or not a length was announced.</summary>
    private static async Task<(string? Body, IResult? Problem)> ReadBodyAsync(HttpRequest request)
    {
        var tooLarge = Results.Problem(statusCode: 413, title: "Rule too large", detail: $"body: a rule may be at most {MaxBodyBytes / 1024} KiB of JSON.");
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, tooLarge);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = MaxBodyBytes + 1;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), request.HttpContext.RequestAborted)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, tooLarge);
        }

        if (length > MaxBodyBytes)
        {
            return (null, tooLarge);
        }

        try
        {
            // A byte-order mark is not JSON, but editors write one; it says nothing, so it goes.
            var start = buffer.AsSpan(0, length).StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
            return (new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, start, length - start), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Invalid([new("$", "not valid JSON: the body is not UTF-8 text")]));
        }
    }

    private static TriggerRuleView View(TriggerRuleEntry entry)
    {
        using var rule = JsonDocument.Parse(entry.Json);
        return new TriggerRuleView(entry.Id, entry.Version, entry.Enabled, entry.UpdatedAt, rule.RootElement.Clone());
    }

    private static ITriggerRegistryGrain Registry(IGrainFactory grains) => grains.GetGrain<ITriggerRegistryGrain>(0);
}
