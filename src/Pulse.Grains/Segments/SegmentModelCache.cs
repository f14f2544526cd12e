using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pulse.Analytics.Segments;
using Pulse.Contracts.Segments;
using Pulse.Grains.Hosting;

namespace Pulse.Grains.Segments;

/// <summary>
/// The segmentation as this silo last fetched it: customers place themselves with it, and the
/// aggregator builds its mini-batch against it. Asks for the version once a flush interval; fetches the
/// model (k × d numbers) only when it moved.
/// </summary>
public sealed partial class SegmentModelCache(IGrainFactory grains, IOptions<SegmentOptions> options, SegmentVector vector, ILogger<SegmentModelCache> logger)
{
    private volatile Loaded? _current;
    private volatile bool _checked;
    private SiloLoop? _loop;

    /// <summary>The latest segmentation this silo has (seeded or not); null before the first fetch.</summary>
    public PublishedSegments? Published => _current?.Published;

    /// <summary>The model as fetched.</summary>
    public SegmentationModel? Model => _current?.Model;

    /// <summary>
    /// True once this silo has heard from the segmentation grain (even if the model did not match its settings),
    /// or when segments are switched off.
    /// </summary>
    public bool HasChecked => _checked || !options.Value.Enabled;

    public async Task RefreshAsync()
    {
        var grain = grains.GetGrain<ISegmentationGrain>(ISegmentationGrain.Default);
        var version = await grain.GetVersionAsync();
        _checked = true;
        if (_current is { } current && current.Model.Version == version)
        {
            return;
        }

        var model = await grain.GetModelAsync();
        if (!model.Features.SequenceEqual(vector.Features) || model.Mean.Length != vector.Dimensions)
        {
            // Another silo's settings (a rolling change of Pulse:Segments): wait for the model to match ours.
            LogMismatch(string.Join(',', model.Features), string.Join(',', vector.Features));
            return;
        }

        _current = new Loaded(model, new PublishedSegments(model.Version, model.Mean, model.Scale, model.Centres));
    }

    private SiloLoop Loop => _loop ??= new SiloLoop(options.Value.FlushInterval, _ => RefreshAsync(), LogRefreshFailed);

    internal Task StartAsync(CancellationToken cancellationToken) => options.Value.Enabled ? Loop.StartAsync(cancellationToken) : Task.CompletedTask;

    internal Task StopAsync(CancellationToken cancellationToken) => _loop?.StopAsync(cancellationToken) ?? Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The segmentation model has features {Model}; this silo is set for {Ours}")]
    private partial void LogMismatch(string model, string ours);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not fetch the segmentation; trying again next interval")]
    private partial void LogRefreshFailed(Exception exception);

    private sealed record Loaded(SegmentationModel Model, PublishedSegments Published);
}
