using Microsoft.Extensions.Options;
using Pulse.Analytics.Simulation;
using Pulse.Contracts.Ingest;
using Pulse.Contracts.Interactions;

namespace Pulse.Silo.Demo;

/// <summary>
/// Keeps a synthetic population (web, purchases, call-centre calls with transcripts, referrals) flowing
/// into the silo so a fresh start has live customers to look at. It goes through the same rules and
/// ingest grain as HTTP traffic.
/// </summary>
public sealed partial class DemoFeed(
    IGrainFactory grains,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    IOptions<DemoFeedOptions> options,
    ILogger<DemoFeed> logger) : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await WaitForStartAsync(stoppingToken))
        {
            return;
        }

        var settings = options.Value;
        var simulator = new PopulationSimulator(new SimulationOptions { Customers = settings.Customers, CustomerPrefix = "c-" }, settings.Seed);
        var ingest = grains.GetGrain<IInteractionIngestGrain>(0);
        await SeedSignupsAsync(ingest, settings, stoppingToken);
        LogStarted(settings.EventsPerSecond, settings.Customers);

        using var timer = new PeriodicTimer(Tick, clock);
        var owed = 0.0;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            owed += settings.EventsPerSecond * Tick.TotalSeconds;
            var count = (int)owed;
            owed -= count;
            var now = clock.GetUtcNow();
            var batch = new List<Interaction>(count);
            for (var i = 0; i < count; i++)
            {
                var (interaction, error) = InteractionRules.Validate(ToDraft(simulator.Next(now)), i, now);
                if (interaction is not null)
                {
                    batch.Add(interaction);
                }
                else
                {
                    LogRejected(error!.Field, error.Reason);
                }
            }

            try
            {
                if (batch.Count > 0)
                {
                    await ingest.AcceptAsync(batch);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }
        }
    }

    /// <summary>
    /// Every demo customer signs up first, so c-1 … c-N answer at once; the simulated stream then
    /// favours customers by their purchase rate (BG/NBD), and many of them are quiet.
    /// </summary>
    private async Task SeedSignupsAsync(IInteractionIngestGrain ingest, DemoFeedOptions settings, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        var runId = Guid.NewGuid().ToString("N")[..8];
        var signups = Enumerable.Range(1, settings.Customers)
            .Select(n => new Interaction($"demo-{runId}-signup-{n}", $"c-{n}", now, n % 3 == 0 ? Channel.Mobile : Channel.Web, InteractionKind.Signup))
            .ToList();
        foreach (var batch in signups.Chunk(1_000))
        {
            stoppingToken.ThrowIfCancellationRequested();
            await ingest.AcceptAsync(batch);
        }
    }

    private async Task<bool> WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static InteractionDraft ToDraft(SimulatedEvent e) => new()
    {
        EventId = e.EventId,
        CustomerId = e.CustomerId,
        Timestamp = e.Timestamp.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        Channel = e.Channel,
        Kind = e.Kind,
        Amount = e.Amount,
        Text = e.Text,
        CounterpartyId = e.CounterpartyId,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo feed started: {Rate} events/s over {Customers} customers")]
    private partial void LogStarted(double rate, int customers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo feed produced an invalid interaction: {Field} {Reason}")]
    private partial void LogRejected(string field, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo feed batch failed")]
    private partial void LogFailed(Exception exception);
}
