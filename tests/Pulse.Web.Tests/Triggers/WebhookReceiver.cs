using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pulse.Web.Tests.Triggers;

/// <summary>A real HTTP receiver on loopback that records every webhook request it answers.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Received> _received = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url => new(_app.Urls.First() + "/hook");

    public IReadOnlyList<Received> Requests => [.. _received];

    /// <summary>Starts listening on <paramref name="port"/> (0: any free port).</summary>
    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            receiver._received.Enqueue(new Received(
                body,
                JsonDocument.Parse(body).RootElement.Clone(),
                request.Headers["Pulse-Idempotency-Key"].ToString(),
                request.Headers["Pulse-Signature"].ToString(),
                DateTimeOffset.UtcNow));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The requests for a rule and customer.</summary>
    public IReadOnlyList<Received> For(string ruleId, string customerId) =>
        [.. _received.Where(r => r.Json.GetProperty("ruleId").GetString() == ruleId && r.Json.GetProperty("customerId").GetString() == customerId)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    public sealed record Received(string Body, JsonElement Json, string IdempotencyKey, string Signature, DateTimeOffset At);
}
