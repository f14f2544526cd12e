using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pulse.Grains.Triggers.Delivery;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Tests.Triggers;

/// <summary>A <see cref="WebhookDispatcher"/> started on the real clock for a test, stopped when disposed.</summary>
internal sealed class RunningDispatcher : IAsyncDisposable
{
    private RunningDispatcher(WebhookDispatcher dispatcher) => Dispatcher = dispatcher;

    public WebhookDispatcher Dispatcher { get; }

    /// <summary>Small intervals so retries take milliseconds; the lease stays well above the timeout.</summary>
    public static TriggerDeliveryOptions FastOptions() => new()
    {
        Timeout = TimeSpan.FromSeconds(5),
        FirstRetry = TimeSpan.FromMilliseconds(20),
        MaxRetry = TimeSpan.FromMilliseconds(100),
        MaxAttempts = 5,
        Lease = TimeSpan.FromSeconds(30),
        PollInterval = TimeSpan.FromMilliseconds(50),
        MaxInFlight = 8,
    };

    public static async Task<RunningDispatcher> StartAsync(ITriggerOutbox outbox, IReadOnlyDictionary<string, string?> settings, TriggerDeliveryOptions? options = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var dispatcher = new WebhookDispatcher(
            outbox,
            Options.Create(options ?? FastOptions()),
            new WebhookSecrets(configuration),
            TimeProvider.System,
            NullLogger<WebhookDispatcher>.Instance);
        await dispatcher.StartAsync(CancellationToken.None);
        return new RunningDispatcher(dispatcher);
    }

    public async ValueTask DisposeAsync()
    {
        await Dispatcher.StopAsync(CancellationToken.None);
        Dispatcher.Dispose();
    }
}
