using System.Text;
using System.Text.Json;
using Pulse.Grains.Tests.Cluster;
using Pulse.Grains.Triggers.Delivery;
using Pulse.Grains.Triggers.Outbox;
using Pulse.Testing.Network;
using static Pulse.Grains.Tests.Triggers.SampleFirings;

namespace Pulse.Grains.Tests.Triggers;

/// <summary>The dispatcher against real HTTP receivers on loopback, on the real clock with millisecond retries.</summary>
public sealed class WebhookDispatcherTests
{
    private const string DefaultSecret = "default-signing-secret";
    private const string CrmSecret = "crm-signing-secret";

    private static readonly Dictionary<string, string?> Secrets = new()
    {
        ["Pulse:Triggers:Secrets:default"] = DefaultSecret,
        ["Pulse:Triggers:Secrets:crm-signing"] = CrmSecret,
    };

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFiringIsPostedAsCamelCaseJsonWithPulseHeadersAndSignedWithItsWebhooksSecret()
    {
        using var receiver = LoopbackReceiver.Answering(200);
        var outbox = new InMemoryTriggerOutbox();
        await using var running = await RunningDispatcher.StartAsync(outbox, Secrets);
        var firing = Firing("retention.high-value", "cust-signed", DateTimeOffset.UtcNow);

        await outbox.AppendAsync([With(firing, new WebhookTarget(receiver.Url + "crm", "crm-signing"), new WebhookTarget(receiver.Url + "plain", null))], DateTimeOffset.UtcNow, Ct);
        running.Dispatcher.Wake();
        await AllDeliveredAsync(outbox, "retention.high-value", 1);

        var requests = receiver.Requests;
        Assert.Equal(2, requests.Count);
        var crm = Assert.Single(requests, r => r.Path.EndsWith("/crm", StringComparison.Ordinal));
        var plain = Assert.Single(requests, r => r.Path.EndsWith("/plain", StringComparison.Ordinal));
        foreach (var request in requests)
        {
            Assert.Equal("POST", request.Method);
            Assert.Equal("application/json", request.Header("Content-Type"));
            Assert.Equal(firing.IdempotencyKey, request.Header("Pulse-Idempotency-Key"));
            Assert.Equal("1", request.Header("Pulse-Delivery-Attempt"));
            Assert.Equal("retention.high-value", request.Header("Pulse-Rule"));
            Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", request.Header("Pulse-Signature"));
            Assert.Equal(FiredTriggerJson.Serialize(firing), Encoding.UTF8.GetString(request.Body));
        }

        using var json = JsonDocument.Parse(crm.Body);
        Assert.Equal(firing.IdempotencyKey, json.RootElement.GetProperty("idempotencyKey").GetString());
        Assert.Equal("cust-signed", json.RootElement.GetProperty("customerId").GetString());
        Assert.Equal("churn.probability", json.RootElement.GetProperty("reasons")[0].GetProperty("subject").GetString());

        var now = DateTimeOffset.UtcNow;
        Assert.True(WebhookSigner.Verify(CrmSecret, crm.Body, crm.Header("Pulse-Signature"), now));
        Assert.False(WebhookSigner.Verify(DefaultSecret, crm.Body, crm.Header("Pulse-Signature"), now));
        Assert.True(WebhookSigner.Verify(DefaultSecret, plain.Body, plain.Header("Pulse-Signature"), now));
        Assert.False(WebhookSigner.Verify(CrmSecret, plain.Body, plain.Header("Pulse-Signature"), now));
    }

    [Fact]
    public async Task AReceiverThatFailsAtFirstEndsWithEveryFiringAcceptedExactlyOnce()
    {
        var failuresLeft = 6;
        using var receiver = LoopbackReceiver.Start(_ => Task.FromResult(Interlocked.Decrement(ref failuresLeft) >= 0 ? 500 : 200));
        var outbox = new InMemoryTriggerOutbox();
        await using var running = await RunningDispatcher.StartAsync(outbox, Secrets);
        var firings = Enumerable.Range(0, 8).Select(i => Firing("rule.flaky", $"cust-flaky-{i}", DateTimeOffset.UtcNow)).ToList();

        await outbox.AppendAsync([.. firings.Select(f => With(f, receiver.Url.ToString()))], DateTimeOffset.UtcNow, Ct);
        running.Dispatcher.Wake();
        var records = await AllDeliveredAsync(outbox, "rule.flaky", 8);

        Assert.All(firings, f => Assert.Equal(1, receiver.AcceptedCount(f.IdempotencyKey)));
        Assert.Equal(6, receiver.Requests.Count(r => r.Status == 500));
        Assert.Equal(14, receiver.Requests.Count);
        var deliveries = records.SelectMany(r => r.Deliveries).ToList();
        Assert.Equal(14, deliveries.Sum(d => d.Attempts));
        Assert.All(deliveries.Where(d => d.Attempts > 1), d => Assert.Contains("500", d.LastError, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AReceiverThatNeverRecoversGetsTheDeliveryDeadLetteredAndReplayDeliversItOnceItRecovers()
    {
        var failing = 1;
        using var receiver = LoopbackReceiver.Start(_ => Task.FromResult(Volatile.Read(ref failing) == 1 ? 503 : 204));
        var outbox = new InMemoryTriggerOutbox();
        var options = RunningDispatcher.FastOptions();
        options.MaxAttempts = 3;
        await using var running = await RunningDispatcher.StartAsync(outbox, Secrets, options);
        var firing = Firing("rule.down", "cust-down", DateTimeOffset.UtcNow);

        await outbox.AppendAsync([With(firing, receiver.Url.ToString())], DateTimeOffset.UtcNow, Ct);
        running.Dispatcher.Wake();
        var dead = await Eventually.ReturnsAsync(() => outbox.GetDeadLettersAsync(10, Ct), d => d.Count == 1, "the dead letter", Patience);

        var delivery = Assert.Single(dead[0].Deliveries);
        Assert.Equal((DeliveryState.DeadLettered, 3), (delivery.State, delivery.Attempts));
        Assert.Contains("503", delivery.LastError, StringComparison.Ordinal);
        Assert.Equal(["1", "2", "3"], receiver.Requests.Select(r => r.Header("Pulse-Delivery-Attempt")));
        Assert.Equal(0, receiver.AcceptedCount(firing.IdempotencyKey));

        Volatile.Write(ref failing, 0);
        Assert.True(await outbox.ReplayAsync(delivery.DeliveryId, DateTimeOffset.UtcNow, Ct));
        running.Dispatcher.Wake();
        await AllDeliveredAsync(outbox, "rule.down", 1);

        Assert.Equal(1, receiver.AcceptedCount(firing.IdempotencyKey));
        Assert.Equal(4, receiver.Requests.Count);
        Assert.Equal("1", receiver.Requests[^1].Header("Pulse-Delivery-Attempt"));
        Assert.Empty(await outbox.GetDeadLettersAsync(10, Ct));
    }

    [Fact]
    public async Task AMissingSecretIsDeadLetteredNamingTheSettingAndNothingIsSentUnsigned()
    {
        using var receiver = LoopbackReceiver.Answering(200);
        var outbox = new InMemoryTriggerOutbox();
        var options = RunningDispatcher.FastOptions();
        options.MaxAttempts = 2;
        var noDefault = new Dictionary<string, string?> { ["Pulse:Triggers:Secrets:crm-signing"] = CrmSecret };
        await using var running = await RunningDispatcher.StartAsync(outbox, noDefault, options);

        await outbox.AppendAsync([With(Firing("rule.secret", "cust-secret", DateTimeOffset.UtcNow), new WebhookTarget(receiver.Url.ToString(), "absent"), new WebhookTarget(receiver.Url.ToString(), null))], DateTimeOffset.UtcNow, Ct);
        running.Dispatcher.Wake();
        var dead = await Eventually.ReturnsAsync(() => outbox.GetDeadLettersAsync(10, Ct), d => d.Sum(r => r.Deliveries.Count) == 2, "both dead letters", Patience);

        var deliveries = dead.SelectMany(d => d.Deliveries).OrderBy(d => d.DeliveryId).ToList();
        Assert.Contains("Pulse:Triggers:Secrets:absent", deliveries[0].LastError, StringComparison.Ordinal);
        Assert.Contains("Pulse:Triggers:Secrets:default", deliveries[1].LastError, StringComparison.Ordinal);
        Assert.All(deliveries, d => Assert.Equal(2, d.Attempts));
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task RetriesWaitWithinTheFullJitterBoundsAndTheWindowGrowsWithEachAttempt()
    {
        using var receiver = LoopbackReceiver.Answering(500);
        var outbox = new RecordingOutbox(new InMemoryTriggerOutbox());
        var options = RunningDispatcher.FastOptions(); // first retry 20 ms, at most 100 ms, 5 attempts
        options.MaxInFlight = 16;
        await using var running = await RunningDispatcher.StartAsync(outbox, Secrets, options);

        await outbox.AppendAsync([.. Enumerable.Range(0, 16).Select(i => With(Firing("rule.backoff", $"cust-backoff-{i}", DateTimeOffset.UtcNow), receiver.Url.ToString()))], DateTimeOffset.UtcNow, Ct);
        running.Dispatcher.Wake();
        await Eventually.ReturnsAsync(() => outbox.GetDeadLettersAsync(100, Ct), d => d.Count == 16, "16 dead letters", Patience);

        var failures = outbox.Failures;
        Assert.Equal(16 * 5, failures.Count);
        Assert.All(failures.Where(f => f.Attempt == 5), f => Assert.Null(f.RetryAt));
        var delays = failures.Where(f => f.Attempt < 5).Select(f => (f.Attempt, Delay: f.RetryAt!.Value - f.Now)).ToList();
        Assert.Equal(16 * 4, delays.Count);
        double[] ceilingsMs = [20, 40, 80, 100]; // min(100 ms, 20 ms · 2^(attempt − 1))
        Assert.All(delays, d => Assert.InRange(d.Delay.TotalMilliseconds, 0, ceilingsMs[d.Attempt - 1]));

        // Jittered, and later attempts wait longer than the first could: all 16 third-attempt waits under 20 ms has
        // probability (1/4)^16; all fourth-attempt waits under 40 ms, 0.4^16.
        Assert.True(delays.Select(d => d.Delay).Distinct().Count() > 8);
        Assert.True(delays.Where(d => d.Attempt == 3).Max(d => d.Delay) > TimeSpan.FromMilliseconds(20));
        Assert.True(delays.Where(d => d.Attempt == 4).Max(d => d.Delay) > TimeSpan.FromMilliseconds(40));

        // No attempt is sent before its retry time.
        var requests = receiver.Requests;
        foreach (var failure in failures.Where(f => f.RetryAt is not null))
        {
            var next = Assert.Single(requests, r => r.IdempotencyKey == failure.Key && r.Header("Pulse-Delivery-Attempt") == (failure.Attempt + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(next.ArrivedAt >= failure.RetryAt!.Value.AddMilliseconds(-5), $"attempt {failure.Attempt + 1} arrived {next.ArrivedAt:O}, due {failure.RetryAt:O}");
        }
    }

    [Fact]
    public async Task ASlowReceiverDoesNotHoldUpDeliveriesToOthers()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var slow = LoopbackReceiver.Start(async _ =>
        {
            await release.Task;
            return 200;
        });
        using var fast = LoopbackReceiver.Answering(200);
        var outbox = new InMemoryTriggerOutbox();
        var options = RunningDispatcher.FastOptions();
        options.MaxInFlight = 4;
        try
        {
            await using var running = await RunningDispatcher.StartAsync(outbox, Secrets, options);
            await outbox.AppendAsync([.. Enumerable.Range(0, 2).Select(i => With(Firing("rule.slow", $"cust-slow-{i}", DateTimeOffset.UtcNow), slow.Url.ToString()))], DateTimeOffset.UtcNow, Ct);
            running.Dispatcher.Wake();
            await Eventually.ReturnsAsync(() => Task.FromResult(slow.Requests.Count), n => n == 2, "both slow requests in flight", Patience);

            await outbox.AppendAsync([.. Enumerable.Range(0, 10).Select(i => With(Firing("rule.fast", $"cust-fast-{i}", DateTimeOffset.UtcNow), fast.Url.ToString()))], DateTimeOffset.UtcNow, Ct);
            running.Dispatcher.Wake();
            await AllDeliveredAsync(outbox, "rule.fast", 10);

            Assert.All(slow.Requests, r => Assert.Equal(0, r.Status)); // still held
            release.SetResult();
            await AllDeliveredAsync(outbox, "rule.slow", 2);
            Assert.Equal(2, slow.Requests.Count);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task AReceiverThatDoesNotAnswerInTimeFailsTheAttemptNamingTheTimeout()
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var receiver = LoopbackReceiver.Start(async _ =>
        {
            await hold.Task;
            return 200;
        });
        var outbox = new InMemoryTriggerOutbox();
        var options = RunningDispatcher.FastOptions();
        options.Timeout = TimeSpan.FromMilliseconds(300);
        options.MaxAttempts = 2;
        try
        {
            await using var running = await RunningDispatcher.StartAsync(outbox, Secrets, options);
            await outbox.AppendAsync([With(Firing("rule.timeout", "cust-timeout", DateTimeOffset.UtcNow), receiver.Url.ToString())], DateTimeOffset.UtcNow, Ct);
            running.Dispatcher.Wake();
            var dead = await Eventually.ReturnsAsync(() => outbox.GetDeadLettersAsync(10, Ct), d => d.Count == 1, "the dead letter", Patience);

            Assert.Contains("Pulse:Triggers:Delivery:Timeout", Assert.Single(dead[0].Deliveries).LastError, StringComparison.Ordinal);
            Assert.Equal(2, receiver.Requests.Count);
        }
        finally
        {
            hold.TrySetResult();
        }
    }

    [Fact]
    public async Task ARefusedConnectionIsAFailedAttemptRetriedUntilDeadLettered()
    {
        var outbox = new InMemoryTriggerOutbox();
        var options = RunningDispatcher.FastOptions();
        options.MaxAttempts = 3;
        await using var running = await RunningDispatcher.StartAsync(outbox, Secrets, options);

        await outbox.AppendAsync([With(Firing("rule.refused", "cust-refused", DateTimeOffset.UtcNow), $"http://127.0.0.1:{FreePorts.Next()}/nobody")], DateTimeOffset.UtcNow, Ct);
        running.Dispatcher.Wake();
        var dead = await Eventually.ReturnsAsync(() => outbox.GetDeadLettersAsync(10, Ct), d => d.Count == 1, "the dead letter", Patience);

        var delivery = Assert.Single(dead[0].Deliveries);
        Assert.Equal(3, delivery.Attempts);
        Assert.Contains("refused", delivery.LastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task WakeSendsAtOnceWithoutWaitingForThePoll()
    {
        using var receiver = LoopbackReceiver.Answering(200);
        var outbox = new InMemoryTriggerOutbox();
        var options = RunningDispatcher.FastOptions();
        options.PollInterval = TimeSpan.FromHours(1);
        await using var running = await RunningDispatcher.StartAsync(outbox, Secrets, options);
        await Task.Yield();

        var firing = Firing("rule.wake", "cust-wake", DateTimeOffset.UtcNow);
        await outbox.AppendAsync([With(firing, receiver.Url.ToString())], DateTimeOffset.UtcNow, Ct);
        running.Dispatcher.Wake();
        await AllDeliveredAsync(outbox, "rule.wake", 1);

        Assert.Equal(1, receiver.AcceptedCount(firing.IdempotencyKey));
    }

    private static Task<IReadOnlyList<FiringRecord>> AllDeliveredAsync(ITriggerOutbox outbox, string ruleId, int firings) =>
        Eventually.ReturnsAsync(
            () => outbox.GetRuleFiringsAsync(ruleId, 100, cancellationToken: Ct),
            r => r.Count == firings && r.All(f => f.Deliveries.All(d => d.State == DeliveryState.Delivered)),
            $"{firings} firings of {ruleId} delivered",
            Patience);
}
