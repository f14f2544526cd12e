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
/// The model, segment and graph endpoints answer with what the test scripts.
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

    /// <summary>Requests to <c>/api/v1/models...</c>, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> ModelRequests { get; } = new();

    /// <summary>
    /// Answers for the next model requests (status and JSON body), in order; once used up, a POST gets a
    /// published version 1 of the model its path names and a GET gets <see cref="ModelsJson"/>.
    /// </summary>
    public ConcurrentQueue<(int Status, string Json)> ModelAnswers { get; } = new();

    public string ModelsJson { get; set; } = "[]";

    /// <summary>Requests to <c>/api/v1/segments...</c>, in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> SegmentRequests { get; } = new();

    /// <summary>Answers for the next segment requests (status and JSON body), in order; once used up, a 404 problem.</summary>
    public ConcurrentQueue<(int Status, string Json)> SegmentAnswers { get; } = new();

    /// <summary>Requests to the graph endpoints (<c>/customers/{id}/network</c>, <c>/influencers</c>, <c>/graph/...</c>), in arrival order.</summary>
    public ConcurrentQueue<RecordedRequest> GraphRequests { get; } = new();

    /// <summary>Answers for the next graph requests (status and JSON body), in order; once used up, a 404 problem.</summary>
    public ConcurrentQueue<(int Status, string Json)> GraphAnswers { get; } = new();

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
        app.Map("/api/v1/models/{**rest}", server.ModelsAsync);
        app.MapGet("/api/v1/segments/{**rest}", server.SegmentsAsync);
        app.MapGet("/api/v1/customers/{id}/network", server.GraphAsync);
        app.MapGet("/api/v1/influencers", server.GraphAsync);
        app.MapGet("/api/v1/graph/{**rest}", server.GraphAsync);
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

    private async Task ModelsAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var request = context.Request;
        ModelRequests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, request.ContentType, body.ToArray()));

        var (status, json) = ModelAnswers.TryDequeue(out var scripted)
            ? scripted
            : HttpMethods.IsGet(request.Method) ? (200, ModelsJson) : (200, Published(request.Path.Value ?? string.Empty));
        context.Response.StatusCode = status;
        context.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    private async Task SegmentsAsync(HttpContext context)
    {
        var request = context.Request;
        SegmentRequests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, request.ContentType, []));

        var (status, json) = SegmentAnswers.TryDequeue(out var scripted)
            ? scripted
            : (404, """{"title":"Not Found","status":404,"detail":"nothing scripted for this segment request"}""");
        context.Response.StatusCode = status;
        context.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    private async Task GraphAsync(HttpContext context)
    {
        var request = context.Request;
        GraphRequests.Enqueue(new RecordedRequest(request.Method, request.Path.Value ?? string.Empty, request.QueryString.Value ?? string.Empty, request.ContentType, []));

        var (status, json) = GraphAnswers.TryDequeue(out var scripted)
            ? scripted
            : (404, """{"title":"Not Found","status":404,"detail":"nothing scripted for this graph request"}""");
        context.Response.StatusCode = status;
        context.Response.ContentType = status >= 400 ? "application/problem+json" : "application/json";
        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Version 1 of the model a path names (<c>/api/v1/models/churn/train</c>, <c>/api/v1/models/sentiment/versions</c>).</summary>
    public static string Published(string path, int version = 1) => new JsonObject
    {
        ["name"] = path.Split('/', StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(3) ?? "model",
        ["version"] = version,
        ["trainer"] = "fake trainer",
        ["seed"] = 7,
        ["trainedAt"] = "2025-03-01T12:00:00+00:00",
        ["publishedAt"] = "2025-03-01T12:00:01+00:00",
        ["requestedBy"] = "pulse-cli",
        ["data"] = "interaction log: 1000 events of 100 customers",
        ["dataSha256"] = "0123456789abcdef",
        ["trainingRows"] = 300,
        ["holdoutRows"] = 100,
        ["metrics"] = new JsonObject { ["auc"] = 0.8512, ["pr-auc"] = 0.6, ["brier"] = 0.137, ["log-loss"] = 0.42, ["base-rate"] = 0.25, ["calibration-error"] = 0.03 },
        ["artifactSha256"] = "fedcba9876543210",
        ["artifactBytes"] = 12345,
    }.ToJsonString();

    private IResult Interactions(string id) =>
        InteractionsJson is not null ? Results.Content(InteractionsJson, "application/json") : Results.NotFound();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
