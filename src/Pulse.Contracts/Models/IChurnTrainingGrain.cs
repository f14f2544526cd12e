namespace Pulse.Contracts.Models;

/// <summary>One training of the churn model: builds point-in-time rows from the interaction log, trains, measures and publishes.</summary>
[Alias("pulse.IChurnTrainingGrain")]
public interface IChurnTrainingGrain : IGrainWithGuidKey
{
    [Alias("TrainAsync"), ResponseTimeout("00:10:00")]
    Task<PublishedModel> TrainAsync(ChurnTrainingRequest request);
}
