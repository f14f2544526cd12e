using Microsoft.Extensions.Options;
using Pulse.Analytics.Simulation;
using Pulse.Contracts.Ingest;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Models;

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

    // The simulated population makes about 0.7 events per customer-week at its default mix.
    private const double EventsPerCustomerWeek = 0.7;

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
        if (settings.HistoryDays > 0)
        {
            await SeedHistoryAsync(simulator, ingest, settings, stoppingToken);
            if (settings.TrainModels)
            {
                _ = TrainAsync(stoppingToken);
            }
        }

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
        // With history, everyone signed up when it began.
        var now = clock.GetUtcNow() - TimeSpan.FromDays(Math.Max(0, settings.HistoryDays));
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

    /// <summary>
    /// The population's past: the same simulator, stepped through <see cref="DemoFeedOptions.HistoryDays"/>
    /// days of event time at its natural rate, so customers have purchase histories, complaints and
    /// drop-outs before the first live event.
    /// </summary>
    private async Task SeedHistoryAsync(PopulationSimulator simulator, IInteractionIngestGrain ingest, DemoFeedOptions settings, CancellationToken stoppingToken)
    {
        var now = clock.GetUtcNow();
        var span = TimeSpan.FromDays(settings.HistoryDays);
        var start = now - span;
        var events = (int)Math.Min(2_000_000, settings.Customers * EventsPerCustomerWeek * span.TotalDays / 7);
        var batch = new List<Interaction>(5_000);
        for (var i = 0; i < events; i++)
        {
            var at = start + span * ((i + 1.0) / (events + 1));
            var (interaction, error) = InteractionRules.Validate(ToDraft(simulator.Next(at)), i, now);
            if (interaction is null)
            {
                LogRejected(error!.Field, error.Reason);
                continue;
            }

            batch.Add(interaction);
            if (batch.Count == batch.Capacity)
            {
                stoppingToken.ThrowIfCancellationRequested();
                await ingest.AcceptAsync(batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await ingest.AcceptAsync(batch);
        }

        LogHistory(events, settings.HistoryDays);
    }

    private async Task TrainAsync(CancellationToken stoppingToken)
    {
        try
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            await grains.GetGrain<IClvFitGrain>(Guid.NewGuid()).FitAsync(new ClvFitRequest(today, 7, "demo"));
            stoppingToken.ThrowIfCancellationRequested();
            var churn = await grains.GetGrain<IChurnTrainingGrain>(Guid.NewGuid())
                .TrainAsync(new ChurnTrainingRequest(ChurnLabel.NoPurchase, 30, 4, null, null, null, null, 0.2, 42, "demo"));
            LogTrained(churn.Version, churn.Metrics.GetValueOrDefault("auc"));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogTrainingFailed(ex);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo history written: {Events} events over {Days} days")]
    private partial void LogHistory(int events, int days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo models trained: churn version {Version}, held-out AUC {Auc:0.000}")]
    private partial void LogTrained(int version, double auc);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo model training failed; scores appear once a model is published")]
    private partial void LogTrainingFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo feed batch failed")]
    private partial void LogFailed(Exception exception);
}
