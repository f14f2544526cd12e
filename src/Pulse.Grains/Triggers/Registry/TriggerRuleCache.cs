using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Analytics.Triggers;
using Pulse.Contracts.Triggers;
using Pulse.Grains.Hosting;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Triggers.Registry;

/// <summary>
/// The trigger rules on this silo. Every <see cref="TriggerOptions.RefreshInterval"/> it asks the registry for
/// its version only, and when that moved fetches the set, compiles it once and publishes a new
/// <see cref="TriggerRuleSnapshot"/>; when the number of active silos changes it rebuilds the rate limiter, so
/// the silos' shares keep adding up to each rule's limit. Customers read <see cref="Current"/>: they never call
/// the registry.
/// </summary>
public sealed partial class TriggerRuleCache(
    IGrainFactory grains,
    IClusterMembershipService membership,
    IOptions<TriggerOptions> options,
    ILogger<TriggerRuleCache> logger)
{
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile TriggerRuleSnapshot? _current;
    private SiloLoop? _loop;

    /// <summary>The rules this silo evaluates; null until the registry first answered (then an empty set at version 0 when none was saved).</summary>
    public TriggerRuleSnapshot? Current => _current;

    /// <summary>Fetches and compiles the rules now if the registry's version moved, and rebuilds the rate limiter if the silo count did.</summary>
    public async Task RefreshAsync()
    {
        // The loop and a test may refresh at once; one compile at a time keeps the published snapshot the newest.
        await _refreshing.WaitAsync();
        try
        {
            var registry = grains.GetGrain<ITriggerRegistryGrain>(0);
            var version = await registry.GetVersionAsync();
            var silos = ActiveSilos();
            var current = _current;
            if (current is not null && current.Version == version)
            {
                if (current.RateLimiter.Silos != silos)
                {
                    _current = current with { RateLimiter = new TriggerRateLimiter(current.Rules, silos) };
                    LogSilosChanged(silos, current.Version);
                }

                return;
            }

            _current = Build(await registry.GetRuleSetAsync(), silos);
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private TriggerRuleSnapshot Build(TriggerRuleSet set, int silos)
    {
        var rules = new List<TriggerRule>(set.Rules.Count);
        foreach (var entry in set.Rules)
        {
            // The registry stores only what it validated, so this fails only if the fact schema lost a name
            // since; one bad rule must not stop the others.
            var parsed = TriggerRuleJson.Parse(entry.Json, CustomerFactSchema.Schema);
            if (parsed.Rule is { } rule)
            {
                rules.Add(rule);
            }
            else
            {
                LogSkipped(entry.Id, entry.Version, string.Join("; ", parsed.Errors));
            }
        }

        var compiled = CompiledRuleSet.Compile(rules, CustomerFactSchema.Schema);
        IReadOnlyList<IReadOnlyList<WebhookTarget>> webhooks =
            [.. compiled.Rules.Select(r => (IReadOnlyList<WebhookTarget>)[.. r.Webhooks.Select(w => new WebhookTarget(w.Url.OriginalString, w.SecretName))])];
        LogLoaded(set.Version, compiled.Rules.Count, compiled.Rules.Count(r => r.Enabled), silos);
        return new TriggerRuleSnapshot(set.Version, compiled, new TriggerRateLimiter(compiled, silos), webhooks);
    }

    private int ActiveSilos() => Math.Max(1, membership.CurrentSnapshot.Members.Values.Count(m => m.Status == SiloStatus.Active));

    private SiloLoop Loop => _loop ??= new SiloLoop(options.Value.RefreshInterval, _ => RefreshAsync(), LogRefreshFailed);

    internal Task StartAsync(CancellationToken cancellationToken) => Loop.StartAsync(cancellationToken);

    internal Task StopAsync(CancellationToken cancellationToken) => Loop.StopAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger rules of registry version {Version} loaded: {Rules} rules, {Enabled} enabled, rates shared by {Silos} silos")]
    private partial void LogLoaded(long version, int rules, int enabled, int silos);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trigger rate limits now shared by {Silos} silos (registry version {Version})")]
    private partial void LogSilosChanged(int silos, long version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Trigger rule {RuleId} (version {Version}) could not be read and is left out: {Errors}")]
    private partial void LogSkipped(string ruleId, long version, string errors);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not ask the trigger registry for a new version; trying again next interval")]
    private partial void LogRefreshFailed(Exception exception);
}
