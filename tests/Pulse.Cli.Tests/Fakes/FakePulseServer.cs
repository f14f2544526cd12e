using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pulse.Cli.Tests.Fakes;

/// <summary>
/// A tiny real Kestrel server on 127.0.0.1 with a random port that plays the Pulse ingest and customer
/// endpoints: it deduplicates event ids, counts per customer, and can be told to fail the next requests.
/// </summary>
internal sealed class FakePulseServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _events = new();
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _scriptedAnswers = new();
    private readonly ConcurrentDictionary<string, bool> _seenBodies = new();
    private int _posts;

    private FakePulseServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every POST that reached the server, scripted failures included.</summary>
    public int Posts => Volatile.Read(ref _posts);

    /// <summary>The bodies of the POSTs that were processed (not the scripted ones), in arrival order.</summary>
    public ConcurrentQueue<JsonArray> Batches { get; } = new();

    public ConcurrentQueue<string?> ContentTypes { get; } = new();

    public IReadOnlyDictionary<string, JsonObject> Events => _events;

    /// <summary>When set, items whose kind equals this are rejected (field kind).</summary>
    public string? RejectKind { get; set; }

    /// <summary>Extra delay before a customer's new count becomes visible, to exercise polling.</summary>
    public TimeSpan VisibilityDelay { get; set; }

    /// <summary>A profile served for any customer, instead of the computed one (customer tests).</summary>
    public string? ProfileJson { get; set; }

    public string? InteractionsJson { get; set; }

    public static async Task<FakePulseServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakePulseServer(app);
        app.MapPost("/api/v1/interactions", server.IngestAsync);
        app.MapGet("/api/v1/customers/{id}", server.Customer);
        app.MapGet("/api/v1/customers/{id}/interactions", server.Interactions);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>The next <paramref name="times"/> POSTs get this status (and Retry-After, when given) instead of being processed.</summary>
    public void FailNext(int times, int status, string? body = null, string? retryAfter = null, string contentType = "application/problem+json")
    {
        for (var i = 0; i < times; i++)
        {
            _scriptedAnswers.Enqueue(async context =>
            {
                context.Response.StatusCode = status;
                if (retryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }

                if (body is not null)
                {
                    context.Response.ContentType = contentType;
                    await context.Response.WriteAsync(body);
                }
            });
        }
    }

    /// <summary>Every POST fails once with 503 before it is processed on its retry.</summary>
    public bool FailEveryFirstAttempt { get; set; }

    private async Task IngestAsync(HttpContext context)
    {
        Interlocked.Increment(ref _posts);
        if (_scriptedAnswers.TryDequeue(out var scripted))
        {
            await scripted(context);
            return;
        }

        using var reader = new StreamReader(context.Request.Body);
        var text = await reader.ReadToEndAsync(context.RequestAborted);
        if (FailEveryFirstAttempt && _seenBodies.TryAdd(text, true))
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return;
        }

        ContentTypes.Enqueue(context.Request.ContentType);
        var items = JsonNode.Parse(text)!.AsArray();
        Batches.Enqueue(items);

        int accepted = 0, duplicates = 0;
        var rejected = new JsonArray();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i]!.AsObject();
            if (RejectKind is not null && (string?)item["kind"] == RejectKind)
            {
                rejected.Add(new JsonObject { ["index"] = i, ["field"] = "kind", ["reason"] = "not allowed here" });
                continue;
            }

            var id = (string)item["eventId"]!;
            if (_events.TryAdd(id, (JsonObject)item.DeepClone()))
            {
                accepted++;
                var customer = (string)item["customerId"]!;
                if (VisibilityDelay > TimeSpan.Zero)
                {
                    _ = Task.Delay(VisibilityDelay).ContinueWith(_ => _counts.AddOrUpdate(customer, 1, (_, n) => n + 1), TaskScheduler.Default);
                }
                else
                {
                    _counts.AddOrUpdate(customer, 1, (_, n) => n + 1);
                }
            }
            else
            {
                duplicates++;
            }
        }

        context.Response.StatusCode = accepted + duplicates == 0 && rejected.Count > 0 ? 422 : 200;
        context.Response.ContentType = "application/json";
        var answer = new JsonObject { ["accepted"] = accepted, ["duplicates"] = duplicates, ["rejected"] = rejected };
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private IResult Customer(string id)
    {
        if (ProfileJson is not null)
        {
            return Results.Content(ProfileJson, "application/json");
        }

        return _counts.TryGetValue(id, out var count)
            ? Results.Content(JsonSerializer.Serialize(new { customerId = id, interactionCount = count, lastPosition = count }), "application/json")
            : Results.Problem(statusCode: 404, detail: $"Customer {id} is unknown.");
    }

    private IResult Interactions(string id) =>
        InteractionsJson is not null ? Results.Content(InteractionsJson, "application/json") : Results.NotFound();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
