using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Contracts.Models;

namespace Pulse.Grains.Models;

/// <summary>
/// Publishes model versions and keeps them (the last <see cref="HistoryLength"/>). Only version numbers
/// are asked for often (once a second per silo); customers read their silo's cache. With
/// <see cref="ClvOptions.RefitInterval"/> set it refits on a reminder, on the population as of the day
/// the reminder fires.
/// </summary>
public sealed partial class ModelRegistryGrain(
    [PersistentState("registry", PulseStorage.Models)] IPersistentState<ModelRegistryState> state,
    IOptions<ClvOptions> options,
    TimeProvider time,
    ILogger<ModelRegistryGrain> logger) : Grain, IModelRegistryGrain, IRemindable
{
    public const int HistoryLength = 20;
    private const string RefitReminder = "refit-clv";

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (this.GetPrimaryKeyString() != ModelNames.Clv)
        {
            return;
        }

        if (options.Value.RefitInterval is { } every)
        {
            await this.RegisterOrUpdateReminder(RefitReminder, every, every);
        }
        else if (await this.GetReminder(RefitReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task<int> GetVersionAsync() => Task.FromResult(state.State.ClvVersions.Count == 0 ? 0 : state.State.ClvVersions[^1].Version);

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

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifetime-value model version {Version} published (as of {AsOf}, {Customers} customers, asked by {RequestedBy})")]
    private partial void LogPublished(int version, DateOnly asOf, long customers, string requestedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The scheduled lifetime-value refit failed")]
    private partial void LogScheduledFitFailed(Exception exception);
}
