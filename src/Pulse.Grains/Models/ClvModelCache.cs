using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;
using Pulse.Contracts.Models;
using Pulse.Grains.Hosting;

namespace Pulse.Grains.Models;

/// <summary>
/// The latest lifetime-value model on this silo. It asks the registry for the version number once a
/// <see cref="ClvOptions.RefreshInterval"/> and fetches the model only when the number moved, so a
/// new version reaches every silo within an interval while customers never call the registry.
/// </summary>
public sealed partial class ClvModelCache(IGrainFactory grains, IOptions<ClvOptions> options, ILogger<ClvModelCache> logger)
{
    private volatile ClvScorer? _current;
    private volatile bool _checked;
    private SiloLoop? _loop;

    /// <summary>The latest model this silo has, or null before the first is published.</summary>
    public ClvScorer? Current => _current;

    /// <summary>True once this silo has heard from the registry and holds what it has (possibly nothing yet).</summary>
    public bool HasChecked => _checked;

    /// <summary>Fetches the latest version now if it is newer than the one held.</summary>
    public async Task RefreshAsync()
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(ModelNames.Clv);
        var version = await registry.GetVersionAsync();
        if (version > (_current?.Version ?? 0) && await registry.GetLatestClvAsync() is { } model)
        {
            _current = new ClvScorer(model);
            LogLoaded(model.Version, model.AsOf);
        }

        _checked = true;
    }

    private SiloLoop Loop => _loop ??= new SiloLoop(options.Value.RefreshInterval, _ => RefreshAsync(), LogRefreshFailed);

    internal Task StartAsync(CancellationToken cancellationToken) => Loop.StartAsync(cancellationToken);

    internal Task StopAsync(CancellationToken cancellationToken) => Loop.StopAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lifetime-value model version {Version} (as of {AsOf}) loaded")]
    private partial void LogLoaded(int version, DateOnly asOf);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not ask the model registry for a new version; trying again next interval")]
    private partial void LogRefreshFailed(Exception exception);
}
