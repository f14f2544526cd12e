using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pulse.Analytics.Learning;
using Pulse.Analytics.Sentiment;
using Pulse.Contracts.Models;

namespace Pulse.Grains.Models;

/// <summary>This silo's sentiment model.</summary>
public sealed class SentimentModelCache(IGrainFactory grains, IOptions<ClvOptions> options, ILogger<SentimentModelCache> logger)
    : LearnedModelCache<SentimentModel>(grains, options.Value.RefreshInterval, logger)
{
    public override string Name => ModelNames.Sentiment;

    protected override SentimentModel Load(ModelArtifact artifact) => SentimentModel.Load(artifact);
}
