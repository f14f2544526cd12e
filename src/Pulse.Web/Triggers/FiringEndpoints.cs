using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Triggers;
using Pulse.Web.Http;

using Pulse.Web.Access;

namespace Pulse.Web.Triggers;

/// <summary>
/// What the triggers did: a rule's firings with their deliveries, a customer's firings, the dead-letter list
/// and its replay.
/// </summary>
public static class FiringEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 1_000;

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapFiringEndpoints(this IEndpointRouteBuilder routes)
    {
        // Mapped where agents and marketers may read (a customer's firings show on the agent card); the rule-wide
        // firings, the feed and the dead letters are the marketers'.
        var triggers = routes.MapGroup("/api/v1/triggers").WithTags("Triggers").RequireAuthorization(AccessPolicies.Marketer);
        triggers.MapGet("/{id}/firings", RuleFiringsAsync)
            .WithName("ListTriggerFirings")
            .WithSummary("A rule's firings, newest first, each with the reasons and where its webhook deliveries stand (?limit=50, 1–1000; ?before=<time> to page back).")
            .Produces<IReadOnlyList<TriggerFiringView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        triggers.MapGet("/feed", Feed)
            .WithName("FollowTriggerFeed")
            .WithSummary("The live feed of firings as server-sent events (event 'firing', id = feed position). Resume with the Last-Event-ID header or ?after=<position>; without either, from now on.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        triggers.MapGet("/dead-letters", DeadLettersAsync)
            .WithName("ListTriggerDeadLetters")
            .WithSummary("Deliveries that ran out of attempts, newest first (?limit=50).")
            .Produces<IReadOnlyList<TriggerFiringView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        triggers.MapPost("/dead-letters/{deliveryId}/replay", ReplayAsync)
            .WithName("ReplayTriggerDelivery")
            .WithSummary("Puts a dead-lettered delivery back: it is tried again at once, with its attempts counted afresh.")
            .Produces(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        routes.MapGroup("/api/v1/customers").WithTags("Triggers")
            .MapGet("/{id}/triggers", CustomerFiringsAsync)
            .WithName("ListCustomerTriggerFirings")
            .WithSummary("The rules that fired for a customer, newest first (?limit=50).")
            .Produces<IReadOnlyList<TriggerFiringView>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> RuleFiringsAsync(string id, string? limit, string? before, IGrainFactory grains)
    {
        if (LimitProblem(limit, out var count) is { } problem)
        {
            return problem;
        }

        DateTimeOffset? until = null;
        if (before is not null)
        {
            if (!DateTimeOffset.TryParse(before, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Results.Problem(statusCode: 400, title: "Invalid before", detail: $"before: '{before}' is not a date and time (ISO 8601, e.g. 2026-11-24T10:00:00Z).");
            }

            until = parsed;
        }

        return Results.Ok(await grains.GetGrain<ITriggerHistoryGrain>(0).GetRuleFiringsAsync(id, count, until));
    }

    private static async Task<IResult> CustomerFiringsAsync(string id, string? limit, IGrainFactory grains)
    {
        return RequestProblems.CustomerId(id) ?? LimitProblem(limit, out var count) ?? Results.Ok(await grains.GetGrain<ITriggerHistoryGrain>(0).GetCustomerFiringsAsync(id, count));
    }

    private static async Task Feed(HttpContext context, string? after)
    {
        var response = context.Response;
        if (context.RequestServices.GetService(typeof(ITriggerFeed)) is not ITriggerFeed feed)
        {
            await Results.Problem(statusCode: 503, title: "No live feed here", detail: "The live feed is served by a silo, or by a front end on PostgreSQL (it reads the trigger outbox); this process has neither.").ExecuteAsync(context);
            return;
        }

        var from = after ?? context.Request.Headers["Last-Event-ID"].FirstOrDefault();
        FeedCursor? position = null;
        if (from is not null)
        {
            if (!FeedCursor.TryParse(from, out var parsed))
            {
                await Results.Problem(statusCode: 400, title: "Invalid after", detail: $"after: '{from}' is not a feed position (the id of an event the feed sent, like 1234.56).").ExecuteAsync(context);
                return;
            }

            position = parsed;
        }

        // Written by hand rather than with the framework's server-sent-events result: a listener must see
        // the response start at once, not at the first firing, and a quiet feed needs a keep-alive.
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        await response.Body.FlushAsync(context.RequestAborted);
        var json = context.RequestServices.GetService(typeof(Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>)) is Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> options
            ? options.Value.SerializerOptions
            : new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        await using var items = feed.FollowAsync(position, context.RequestAborted).GetAsyncEnumerator(context.RequestAborted);
        var next = items.MoveNextAsync().AsTask();
        try
        {
            while (true)
            {
                if (await Task.WhenAny(next, Task.Delay(KeepAlive, context.RequestAborted)) != next)
                {
                    await response.WriteAsync(": keep-alive\n\n", context.RequestAborted);
                    await response.Body.FlushAsync(context.RequestAborted);
                    continue;
                }

                if (!await next)
                {
                    return;
                }

                var item = items.Current;
                await response.WriteAsync($"id: {item.Cursor}\nevent: firing\ndata: {System.Text.Json.JsonSerializer.Serialize(item.Firing, json)}\n\n", context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                next = items.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The listener left.
        }
        finally
        {
            // The enumerator may be disposed only once its pending step has ended (cancelled with the request).
            await next.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    private static async Task<IResult> DeadLettersAsync(string? limit, IGrainFactory grains) =>
        LimitProblem(limit, out var count) ?? Results.Ok(await grains.GetGrain<ITriggerHistoryGrain>(0).GetDeadLettersAsync(count));

    private static async Task<IResult> ReplayAsync(string deliveryId, IGrainFactory grains)
    {
        if (!long.TryParse(deliveryId, NumberStyles.None, CultureInfo.InvariantCulture, out var delivery) || delivery <= 0)
        {
            return Results.Problem(statusCode: 400, title: "Invalid deliveryId", detail: $"deliveryId: '{deliveryId}' is not a delivery number.");
        }

        return await grains.GetGrain<ITriggerHistoryGrain>(0).ReplayAsync(delivery)
            ? Results.Accepted()
            : Results.Problem(statusCode: 404, title: "No such dead letter", detail: $"Delivery {delivery} is not on the dead-letter list (delivered, still being tried, or unknown).");
    }

    private static IResult? LimitProblem(string? text, out int limit) =>
        RequestProblems.Count("limit", text, DefaultLimit, 1, MaxLimit, out limit);
}
