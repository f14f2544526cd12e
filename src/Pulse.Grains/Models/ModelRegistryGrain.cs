using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Analytics.Learning;
using Pulse.Contracts.Models;

namespace Pulse.Grains.Models;

/// <summary>
/// Publishes model versions and keeps them (the last <see cref="HistoryLength"/>). Only version numbers
/// are asked for often (once a second per silo); customers read their silo's cache. With
/// <see cref="ClvOptions.RefitInterval"/> set it refits on a reminder, on the population as of the day
/// the reminder fires. Learned models (sentiment, churn) are published as artifacts: the list keeps
/// their manifests' lineage and metrics, each artifact lives in its own <see cref="ModelArtifactGrain"/>.
/// </summary>
public sealed partial class ModelRegistryGrain(
    [PersistentState("registry", PulseStorage.Models)] IPersistentState<ModelRegistryState> state,
    IOptions<ClvOptions> options,
    IOptions<ChurnOptions> churnOptions,
    TimeProvider time,
    ILogger<ModelRegistryGrain> logger) : Grain, IModelRegistryGrain, IRemindable
{
    public const int HistoryLength = 20;
    private const string RefitReminder = "refit-clv";
    private const string RetrainReminder = "retrain-churn";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        switch (this.GetPrimaryKeyString())
        {
            case ModelNames.Clv:
                await ScheduleAsync(RefitReminder, options.Value.RefitInterval);
                break;
            case ModelNames.Churn:
                await ScheduleAsync(RetrainReminder, churnOptions.Value.RetrainInterval);
                break;
        }
    }

    private async Task ScheduleAsync(string name, TimeSpan? every)
    {
        if (every is { } interval)
        {
            await this.RegisterOrUpdateReminder(name, interval, interval);
        }
        else if (await this.GetReminder(name) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> GetVersionAsync() => Task.FromResult(Math.Max(
        state.State.ClvVersions.Count == 0 ? 0 : state.State.ClvVersions[^1].Version,
        state.State.Versions.Count == 0 ? 0 : state.State.Versions[^1].Version));

    public Task<PublishedModel?> GetLatestAsync() => Task.FromResult(state.State.Versions.Count == 0 ? null : state.State.Versions[^1]);

    public Task<IReadOnlyList<PublishedModel>> GetHistoryAsync() => Task.FromResult<IReadOnlyList<PublishedModel>>([.. Enumerable.Reverse(state.State.Versions)]);

    public async Task<byte[]?> GetArtifactAsync(int version) =>
        state.State.Versions.Any(v => v.Version == version)
            ? await GrainFactory.GetGrain<IModelArtifactGrain>(ArtifactKey(version)).GetAsync()
            : null;

    public async Task<PublishedModel> PublishIfEmptyAsync(byte[] artifact, string requestedBy) =>
        state.State.Versions.Count > 0 ? state.State.Versions[^1] : await PublishArtifactAsync(artifact, requestedBy);

    public async Task<PublishedModel> PublishArtifactAsync(byte[] artifact, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(artifact);
        var name = this.GetPrimaryKeyString();
        ModelArtifact parsed;
        try
        {
            parsed = ModelArtifact.FromBytes(artifact);
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException($"artifact: {e.Message}", nameof(artifact), e);
        }

        if (parsed.Manifest.Kind != name)
        {
            throw new ArgumentException($"artifact: it is a '{parsed.Manifest.Kind}' model and cannot be published as '{name}'.", nameof(artifact));
        }

        var manifest = parsed.Manifest;
        var published = new PublishedModel(
            name,
            (state.State.Versions.Count == 0 ? 0 : state.State.Versions[^1].Version) + 1,
            manifest.Trainer,
            manifest.Seed,
            manifest.TrainedAt,
            time.GetUtcNow(),
            string.IsNullOrWhiteSpace(requestedBy) ? "unknown" : requestedBy,
            manifest.Data.Description,
            manifest.Data.Sha256,
            manifest.Data.TrainingRows,
            manifest.Data.HoldoutRows,
            new Dictionary<string, double>(manifest.Metrics, StringComparer.Ordinal),
            Convert.ToHexStringLower(SHA256.HashData(artifact)),
            artifact.LongLength);

        // The artifact first: a version is listed only once its bytes are stored.
        await GrainFactory.GetGrain<IModelArtifactGrain>(ArtifactKey(published.Version)).PutAsync(artifact);
        state.State.Versions.Add(published);
        var evicted = state.State.Versions.Count > HistoryLength ? state.State.Versions[0] : null;
        if (evicted is not null)
        {
            state.State.Versions.RemoveAt(0);
        }

        await state.WriteStateAsync();
        if (evicted is not null)
        {
            await GrainFactory.GetGrain<IModelArtifactGrain>(ArtifactKey(evicted.Version)).ClearAsync();
        }

        LogPublishedArtifact(name, published.Version, published.RequestedBy, string.Join(", ", published.Metrics.Select(m => $"{m.Key} {m.Value:0.####}")));
        return published;
    }

    private string ArtifactKey(int version) => $"{this.GetPrimaryKeyString()}/{version}";

    public Task<ClvModel?> GetLatestClvAsync() => Task.FromResult(state.State.ClvVersions.Count == 0 ? null : state.State.ClvVersions[^1]);

    public Task<IReadOnlyList<ClvModel>> GetClvHistoryAsync() => Task.FromResult<IReadOnlyList<ClvModel>>([.. Enumerable.Reverse(state.State.ClvVersions)]);

    public async Task<ClvModel> PublishClvAsync(ClvModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var published = model with { Version = (state.State.ClvVersions.Count == 0 ? 0 : state.State.ClvVersions[^1].Version) + 1 };
        state.State.ClvVersions.Add(published);
        if (state.State.ClvVersions.Count > HistoryLength)
        {
            state.State.ClvVersions.RemoveAt(0);
        }

        await state.WriteStateAsync();
        LogPublished(published.Version, published.AsOf, published.Customers, published.RequestedBy);
        return published;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RefitReminder)
        {
            // Not awaited: the fit publishes back to this grain.
            var asOf = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            GrainFactory.GetGrain<IClvFitGrain>(Guid.NewGuid())
                .FitAsync(new ClvFitRequest(asOf, options.Value.PeriodDays, "schedule"))
                .ContinueWith(t => LogScheduledFitFailed(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        else if (reminderName == RetrainReminder)
        {
            var settings = churnOptions.Value;
            var label = settings.NoInteraction ? ChurnLabel.NoInteraction : ChurnLabel.NoPurchase;
            GrainFactory.GetGrain<IChurnTrainingGrain>(Guid.NewGuid())
                .TrainAsync(new ChurnTrainingRequest(label, settings.HorizonDays, settings.CutOffs, null, null, null, null, 0.2, 20240501, "schedule"))
                .ContinueWith(t => LogScheduledFitFailed(t.Exception!), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifetime-value model version {Version} published (as of {AsOf}, {Customers} customers, asked by {RequestedBy})")]
    private partial void LogPublished(int version, DateOnly asOf, long customers, string requestedBy);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Name} version {Version} published (asked by {RequestedBy}; {Metrics})")]
    private partial void LogPublishedArtifact(string name, int version, string requestedBy, string metrics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A scheduled model refit failed")]
    private partial void LogScheduledFitFailed(Exception exception);
}
