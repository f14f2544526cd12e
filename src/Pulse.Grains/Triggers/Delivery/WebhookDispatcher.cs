using System.Globalization;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pulse.Grains.Operations;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Triggers.Delivery;

/// <summary>
/// Sends this silo's share of the outbox to the webhooks: one per silo process, run by the silo's lifecycle
/// (<see cref="WebhookDispatcherLifecycle"/>). It claims due deliveries when woken (<see cref="Wake"/>, which a
/// customer calls right after appending firings) and otherwise every <see cref="TriggerDeliveryOptions.PollInterval"/>,
/// and keeps up to <see cref="TriggerDeliveryOptions.MaxInFlight"/> signed POSTs in flight, so a slow receiver holds
/// only its own slots. A 2xx answer delivers; anything else is retried with backoff (<see cref="WebhookBackoff"/>) and
/// dead-lettered after <see cref="TriggerDeliveryOptions.MaxAttempts"/>.
/// </summary>
public sealed partial class WebhookDispatcher : IDisposable
{
    public const string IdempotencyKeyHeader = "Pulse-Idempotency-Key";
    public const string AttemptHeader = "Pulse-Delivery-Attempt";
    public const string RuleHeader = "Pulse-Rule";

    private const int MaxErrorLength = 500;

    private readonly ITriggerOutbox _outbox;
    private readonly TriggerDeliveryOptions _options;
    private readonly WebhookSecrets _secrets;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookDispatcher> _logger;
    private readonly SiloMetrics? _metrics;
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _slots;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private CancellationTokenSource? _stopping;
    private Task _loop = Task.CompletedTask;
    private long _earliestRetryTicks = long.MaxValue;

    public WebhookDispatcher(
        ITriggerOutbox outbox,
        IOptions<TriggerDeliveryOptions> options,
        WebhookSecrets secrets,
        TimeProvider time,
        ILogger<WebhookDispatcher> logger,
        SiloMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        if (TriggerDeliveryOptionsValidator.Problems(_options) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems), nameof(options));
        }

        _outbox = outbox;
        _secrets = secrets;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _slots = new SemaphoreSlim(_options.MaxInFlight, _options.MaxInFlight);

        // One client for the process; connections are recycled so a receiver's DNS change is seen. Redirects are
        // not followed: a signed body goes only where the rule says.
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = _options.Timeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = _options.MaxInFlight,
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each send has its own, on the injected clock
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Pulse-Webhooks", "1"));
    }

    /// <summary>
    /// Asks the dispatcher to claim due deliveries now rather than at its next poll. Cheap, never blocks, safe from
    /// any thread (a grain included); wakes that arrive together coalesce into one claim.
    /// </summary>
    public void Wake() => _wake.Writer.TryWrite(true);

    /// <summary>Starts the claim loop (the silo lifecycle calls this when the silo becomes active).</summary>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not null)
        {
            throw new InvalidOperationException("The webhook dispatcher is already running.");
        }

        _stopping = new CancellationTokenSource();
        var stopping = _stopping.Token;
        _loop = Task.Run(() => RunAsync(stopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops claiming, cancels the sends in flight and waits for them. A cancelled send is not marked: its lease
    /// runs out and it is sent again, by another silo or by this one after a restart (receivers deduplicate).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is not { } stopping)
        {
            return;
        }

        await stopping.CancelAsync();
        await _loop;

        // Every slot back means every send has finished.
        for (var i = 0; i < _options.MaxInFlight; i++)
        {
            await _slots.WaitAsync(CancellationToken.None);
        }

        _slots.Release(_options.MaxInFlight);
        stopping.Dispose();
        _stopping = null;
    }

    public void Dispose()
    {
        _stopping?.Cancel();
        _http.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await ClaimAndSendAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogClaimFailed(ex);
            }

            // A full claim may have left more due: claim again at once.
            if (!full)
            {
                await WaitAsync(stopping);
            }
        }
    }

    /// <summary>Claims as many due deliveries as there are free slots and starts sending them; true when it got that many.</summary>
    private async Task<bool> ClaimAndSendAsync(CancellationToken stopping)
    {
        var free = _slots.CurrentCount;
        if (free == 0)
        {
            return false; // a send that ends wakes the loop
        }

        var due = await _outbox.ClaimDueAsync(_time.GetUtcNow(), free, _options.Lease, stopping);
        foreach (var delivery in due)
        {
            // Free at once: only this loop takes slots.
            await _slots.WaitAsync(CancellationToken.None);
            _ = Task.Run(() => SendAndReleaseAsync(delivery, stopping), CancellationToken.None);
        }

        return due.Count == free;
    }

    private async Task WaitAsync(CancellationToken stopping)
    {
        var wait = _options.PollInterval;
        var earliest = Interlocked.Read(ref _earliestRetryTicks);
        if (earliest != long.MaxValue)
        {
            var untilRetry = new DateTimeOffset(earliest, TimeSpan.Zero) - _time.GetUtcNow();
            if (untilRetry <= wait)
            {
                // This wait reaches the earliest retry known: forget it (a later one waits at most a poll).
                Interlocked.CompareExchange(ref _earliestRetryTicks, long.MaxValue, earliest);
                wait = untilRetry < TimeSpan.Zero ? TimeSpan.Zero : untilRetry;
            }
        }

        using var poll = new CancellationTokenSource(wait, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, poll.Token);
        try
        {
            await _wake.Reader.ReadAsync(either.Token);
        }
        catch (OperationCanceledException)
        {
            // The poll interval passed, or the dispatcher is stopping (the loop checks).
        }
    }

    private async Task SendAndReleaseAsync(DueDelivery delivery, CancellationToken stopping)
    {
        try
        {
            await SendAsync(delivery, stopping);
        }
        catch (Exception ex)
        {
            LogSendCrashed(ex, delivery.DeliveryId);
        }
        finally
        {
            _slots.Release();
            Wake(); // a free slot may take more of a backlog
        }
    }

    private async Task SendAsync(DueDelivery delivery, CancellationToken stopping)
    {
        string error;
        if (_secrets.Find(delivery.Target.SecretName) is not { } secret)
        {
            // Never sent unsigned: the receiver could not tell it from a forgery.
            error = $"no signing secret: configuration setting '{WebhookSecrets.SettingFor(delivery.Target.SecretName)}' is missing; not sent";
        }
        else
        {
            try
            {
                error = await PostAsync(delivery, secret, stopping) ?? string.Empty;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return; // stopping: the lease hands the delivery on
            }

            if (error.Length == 0)
            {
                var at = _time.GetUtcNow();
                await _outbox.MarkDeliveredAsync(delivery.DeliveryId, at, CancellationToken.None);
                LogDelivered(delivery.DeliveryId, delivery.Firing.RuleId, delivery.Attempt);
                _metrics?.Delivered(delivery.Firing.RuleId);
                return;
            }
        }

        await FailAsync(delivery, error);
    }

    /// <summary>Posts the firing; null when the receiver accepted it, otherwise what went wrong.</summary>
    private async Task<string?> PostAsync(DueDelivery delivery, string secret, CancellationToken stopping)
    {
        var body = FiredTriggerJson.SerializeToUtf8Bytes(delivery.Firing);
        using var timeout = new CancellationTokenSource(_options.Timeout, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(stopping, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Target.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add(IdempotencyKeyHeader, delivery.Firing.IdempotencyKey);
            request.Headers.Add(WebhookSigner.HeaderName, WebhookSigner.Sign(secret, body, _time.GetUtcNow()));
            request.Headers.Add(AttemptHeader, delivery.Attempt.ToString(CultureInfo.InvariantCulture));
            request.Headers.Add(RuleHeader, delivery.Firing.RuleId);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, either.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return $"no answer within {_options.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s ({TriggerDeliveryOptions.Section}:Timeout)";
        }
        catch (HttpRequestException ex)
        {
            return ex.InnerException is { } inner && !ex.Message.Contains(inner.Message, StringComparison.Ordinal)
                ? $"{ex.Message} ({inner.Message})"
                : ex.Message;
        }
        catch (Exception ex) when (ex is InvalidOperationException or UriFormatException or FormatException)
        {
            return $"cannot send to this URL: {ex.Message}";
        }
    }

    private async Task FailAsync(DueDelivery delivery, string error)
    {
        if (error.Length > MaxErrorLength)
        {
            error = error[..MaxErrorLength];
        }

        var now = _time.GetUtcNow();
        DateTimeOffset? retryAt = delivery.Attempt >= _options.MaxAttempts
            ? null
            : now + WebhookBackoff.Delay(delivery.Attempt, _options.FirstRetry, _options.MaxRetry, Random.Shared.NextDouble());
        await _outbox.MarkFailedAsync(delivery.DeliveryId, error, retryAt, now, CancellationToken.None);
        _metrics?.DeliveryFailed(delivery.Firing.RuleId, deadLettered: retryAt is null);
        if (retryAt is { } retry)
        {
            NoteRetry(retry);
            LogAttemptFailed(delivery.DeliveryId, delivery.Firing.RuleId, delivery.Attempt, error, retry);
        }
        else
        {
            LogDeadLettered(delivery.DeliveryId, delivery.Firing.RuleId, delivery.Attempt, error);
        }
    }

    /// <summary>Remembers the earliest retry due, so the loop wakes for it rather than at its next poll.</summary>
    private void NoteRetry(DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        var current = Interlocked.Read(ref _earliestRetryTicks);
        while (ticks < current)
        {
            var seen = Interlocked.CompareExchange(ref _earliestRetryTicks, ticks, current);
            if (seen == current)
            {
                Wake(); // the loop may be waiting past this retry
                return;
            }

            current = seen;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook delivery {DeliveryId} of rule {RuleId} accepted on attempt {Attempt}")]
    private partial void LogDelivered(long deliveryId, string ruleId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} of rule {RuleId} failed on attempt {Attempt}: {Error}; next attempt at {RetryAt}")]
    private partial void LogAttemptFailed(long deliveryId, string ruleId, int attempt, string error, DateTimeOffset retryAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} of rule {RuleId} dead-lettered after {Attempt} attempts: {Error}")]
    private partial void LogDeadLettered(long deliveryId, string ruleId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not claim due webhook deliveries; trying again at the next poll")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} could not be recorded; it is sent again when its lease runs out")]
    private partial void LogSendCrashed(Exception exception, long deliveryId);
}
