using Microsoft.Extensions.Logging;
using Pulse.Analytics.Learning;
using Pulse.Contracts.Models;
using Pulse.Grains.Hosting;

namespace Pulse.Grains.Models;

/// <summary>
/// The latest version of one learned model on this silo, loaded once per version. Like
/// <see cref="ClvModelCache"/> it asks the registry only for the version number each interval and
/// fetches the artifact when it moved, so a new version reaches every live customer within an interval
/// and without a restart; customers never call the registry.
/// </summary>
public abstract partial class LearnedModelCache<TModel>(IGrainFactory grains, TimeSpan interval, ILogger logger)
    where TModel : class
{
    private volatile Loaded? _current;
    private volatile bool _checked;
    private SiloLoop? _loop;

    /// <summary>The registry key.</summary>
    public abstract string Name { get; }

    /// <summary>The latest model this silo has, or null before one is published.</summary>
    public TModel? Current => _current?.Model;

    /// <summary>Its version (0 before one is published).</summary>
    public int Version => _current?.Version ?? 0;

    /// <summary>True once this silo has heard from the registry and holds what it has (possibly nothing yet).</summary>
    public bool HasChecked => _checked;

    /// <summary>Fetches and loads the latest version now if it is newer than the one held.</summary>
    public async Task RefreshAsync()
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(Name);
        var version = await registry.GetVersionAsync();
        if (version > Version && await registry.GetArtifactAsync(version) is { } bytes)
        {
            _current = new Loaded(version, Load(ModelArtifact.FromBytes(bytes)));
            LogLoaded(logger, Name, version);
        }

        _checked = true;
    }

    /// <summary>Holds <paramref name="artifact"/> as version 0 until the registry has a version (a model shipped with Pulse).</summary>
    internal void HoldUntilPublished(byte[] artifact)
    {
        if (_current is null)
        {
            _current = new Loaded(0, Load(ModelArtifact.FromBytes(artifact)));
        }
    }

    protected abstract TModel Load(ModelArtifact artifact);

    private SiloLoop Loop => _loop ??= new SiloLoop(interval, _ => RefreshAsync(), e => LogRefreshFailed(logger, Name, e));

    internal Task StartAsync(CancellationToken cancellationToken) => Loop.StartAsync(cancellationToken);

    internal Task StopAsync(CancellationToken cancellationToken) => Loop.StopAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Model {Name} version {Version} loaded")]
    private static partial void LogLoaded(ILogger logger, string name, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not load the latest {Name} model; trying again next interval")]
    private static partial void LogRefreshFailed(ILogger logger, string name, Exception exception);

    private sealed record Loaded(int Version, TModel Model);
}
