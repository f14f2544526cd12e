using Microsoft.Extensions.Logging;
using Pulse.Contracts.Models;

namespace Pulse.Grains.Models;

/// <summary>
/// The models that ship inside Pulse: the sentiment model, built by <c>pulse model train-sentiment</c>
/// on the UCI labelled sentences (docs/models.md says how to rebuild it). Published once, when the
/// registry is empty; a model trained later takes over as a newer version.
/// </summary>
public sealed partial class ShippedModels(IGrainFactory grains, ILogger<ShippedModels> logger)
{
    public const string RequestedBy = "shipped with Pulse";
    private const string SentimentResource = "Pulse.Grains.Models.Shipped.sentiment.zip";

    /// <summary>The shipped sentiment artifact's bytes.</summary>
    public static byte[] SentimentArtifact()
    {
        using var stream = typeof(ShippedModels).Assembly.GetManifestResourceStream(SentimentResource)
            ?? throw new InvalidOperationException($"The shipped sentiment model ({SentimentResource}) is missing from the build.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    internal async Task PublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            var published = await grains.GetGrain<IModelRegistryGrain>(ModelNames.Sentiment).PublishIfEmptyAsync(SentimentArtifact(), RequestedBy);
            LogSentiment(published.Version, published.RequestedBy);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not fatal: text goes unscored until a sentiment model is published.
            LogPublishFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sentiment model version {Version} ({RequestedBy}) is current")]
    private partial void LogSentiment(int version, string requestedBy);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the shipped sentiment model")]
    private partial void LogPublishFailed(Exception exception);
}
