using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pulse.Analytics.Churn;
using Pulse.Analytics.Learning;
using Pulse.Contracts.Models;

namespace Pulse.Grains.Models;

/// <summary>This silo's churn model.</summary>
public sealed class ChurnModelCache(IGrainFactory grains, IOptions<ClvOptions> options, ILogger<ChurnModelCache> logger)
    : LearnedModelCache<ChurnModel>(grains, options.Value.RefreshInterval, logger)
{
    public override string Name => ModelNames.Churn;

    protected override ChurnModel Load(ModelArtifact artifact) => ChurnModel.Load(artifact);
}
