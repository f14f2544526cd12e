using System.Net;
using System.Net.Sockets;
using Pulse.Cli.Api;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Api;

public sealed class PulseApiClientTests
{
    private static readonly RetryPolicy FastRetry = new(4, TimeSpan.FromMilliseconds(1), TimeSpan.FromMilliseconds(20));
    private static readonly DateTimeOffset At = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static InteractionPayload[] Batch(int n, string prefix = "e") =>
        Enumerable.Range(0, n).Select(i => new InteractionPayload($"{prefix}{i}", $"c-{i % 7}", At, "web", "page-view")).ToArray();

    [Fact]
    public async Task A_batch_is_posted_as_a_camel_case_json_array_without_null_fields()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);

        var purchase = new InteractionPayload("p1", "c-1", At, "store", "purchase", 12.5m,
            Properties: new Dictionary<string, string> { ["quantity"] = "2" });
        var result = await client.PostInteractionsAsync([purchase, .. Batch(2)], Token);

        Assert.Equal(3, result.Accepted);
        Assert.Equal(1, result.Attempts);
        Assert.Equal("application/json", Assert.Single(server.ContentTypes));
        var first = Assert.Single(server.Batches)[0]!.AsObject();
        Assert.Equal(["eventId", "customerId", "timestamp", "channel", "kind", "amount", "properties"], first.Select(p => p.Key));
        Assert.Equal(12.5m, (decimal)first["amount"]!);
        Assert.Equal(At, DateTimeOffset.Parse((string)first["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain("text", server.Batches.First()[1]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Sending_the_same_batch_again_reports_duplicates()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);

        await client.PostInteractionsAsync(Batch(5), Token);
        var again = await client.PostInteractionsAsync(Batch(5), Token);

        Assert.Equal(0, again.Accepted);
        Assert.Equal(5, again.Duplicates);
    }

    [Fact]
    public async Task A_503_is_retried_and_the_batch_lands_once()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.FailNext(2, 503, retryAfter: "0");
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);

        var result = await client.PostInteractionsAsync(Batch(10), Token);

        Assert.Equal(10, result.Accepted);
        Assert.Equal(3, result.Attempts);
        Assert.Equal(3, server.Posts);
        Assert.Equal(2, client.Retries);
        Assert.Equal(10, server.Events.Count);
    }

    [Fact]
    public async Task Retry_after_is_honoured()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.FailNext(1, 503, retryAfter: "1");
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry with { MaxDelay = TimeSpan.FromSeconds(5) });

        var started = System.Diagnostics.Stopwatch.StartNew();
        var result = await client.PostInteractionsAsync(Batch(1), Token);

        Assert.Equal(1, result.Accepted);
        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(950), $"retried after only {started.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_server_that_stays_busy_makes_the_call_fail_loudly_after_the_last_attempt()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.FailNext(10, 503, body: """{"title":"Service Unavailable","detail":"ingest queue is full"}""");
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);

        var error = await Assert.ThrowsAsync<PulseApiException>(() => client.PostInteractionsAsync(Batch(3), Token));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.Status);
        Assert.Equal(4, error.Attempts);
        Assert.Equal(4, server.Posts);
        Assert.Contains("gave up after 4 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("ingest queue is full", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(400, "item 3: timestamp is not ISO 8601")]
    [InlineData(413, "at most 10000 items per request")]
    [InlineData(415, "use application/json or application/x-ndjson")]
    public async Task A_refused_batch_is_not_retried_and_the_problem_detail_is_reported(int status, string detail)
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.FailNext(1, status, body: $$"""{"type":"about:blank","title":"Bad","status":{{status}},"detail":"{{detail}}"}""");
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);

        var error = await Assert.ThrowsAsync<PulseApiException>(() => client.PostInteractionsAsync(Batch(3), Token));

        Assert.Equal((HttpStatusCode)status, error.Status);
        Assert.Equal(1, server.Posts);
        Assert.Contains(detail, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(status.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_whose_every_item_was_rejected_comes_back_with_the_reasons()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.RejectKind = "page-view";
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);

        var result = await client.PostInteractionsAsync(Batch(2), Token);

        Assert.Equal(0, result.Accepted);
        Assert.Equal([0, 1], result.Rejected.Select(r => r.Index));
        Assert.All(result.Rejected, r => Assert.Equal("kind", r.Field));
        Assert.Equal("not allowed here", result.Rejected[0].Reason);
    }

    [Fact]
    public async Task An_unreachable_server_is_retried_then_reported_without_a_status()
    {
        var port = ClosedPort();
        using var client = PulseApiClient.Create(new Uri($"http://127.0.0.1:{port}"), retry: FastRetry);

        var error = await Assert.ThrowsAsync<PulseApiException>(() => client.PostInteractionsAsync(Batch(1), Token));

        Assert.Null(error.Status);
        Assert.Equal(4, error.Attempts);
        Assert.Contains("could not reach", error.Message, StringComparison.Ordinal);
        Assert.False(await client.IsReachableAsync(Token));
    }

    [Fact]
    public async Task An_unknown_customer_is_null_and_a_known_one_is_read_in_full()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);
        Assert.Null(await client.GetCustomerAsync("nobody", null, Token));
        Assert.Equal(0, await client.GetInteractionCountAsync("nobody", Token));

        server.ProfileJson = """
            {"customerId":"c-1","asOf":"2025-03-01T12:00:00Z","firstSeen":"1997-01-01T00:00:00Z","lastSeen":"1997-09-30T00:00:00Z",
             "interactionCount":4,"lastPosition":99,"features":{"channel.web.count.7d":1.5,"kind.purchase.amount.30d":45.6},
             "rfm":{"frequency":2,"recencyDays":30.5,"tDays":272,"monetaryValue":25.25,"firstPurchase":"1997-01-01","totalSpend":80.1},
             "notYetKnown":"ignored by the CLI"}
            """;
        var profile = await client.GetCustomerAsync("c-1", new DateTimeOffset(2025, 3, 1, 0, 0, 0, TimeSpan.Zero), Token);

        Assert.NotNull(profile);
        Assert.Equal(4, profile.InteractionCount);
        Assert.Equal(1.5, profile.Features!["channel.web.count.7d"]);
        Assert.Equal(new DateOnly(1997, 1, 1), profile.Rfm!.FirstPurchase);
        Assert.Equal(80.1m, profile.Rfm.TotalSpend);
    }

    [Fact]
    public async Task Interactions_are_read_with_their_positions()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        using var client = PulseApiClient.Create(server.BaseAddress, retry: FastRetry);
        server.InteractionsJson = """
            [{"eventId":"e2","customerId":"c-1","timestamp":"2025-03-01T12:00:01Z","channel":"call-centre","kind":"call","text":"Hi","position":8},
             {"eventId":"e1","customerId":"c-1","timestamp":"2025-03-01T12:00:00Z","channel":"web","kind":"purchase","amount":9.99,"position":7}]
            """;

        var interactions = await client.GetInteractionsAsync("c-1", Token);

        Assert.NotNull(interactions);
        Assert.Equal([8L, 7L], interactions.Select(i => i.Position));
        Assert.Equal(9.99m, interactions[1].Amount);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
