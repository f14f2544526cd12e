namespace Pulse.Contracts.Models;

/// <summary>One fit of the lifetime-value models: gathers the population from the interaction log, fits, validates and publishes.</summary>
[Alias("pulse.IClvFitGrain")]
public interface IClvFitGrain : IGrainWithGuidKey
{
    /// <summary>Minutes, not seconds, for a large population.</summary>
    [Alias("FitAsync"), ResponseTimeout("00:05:00")]
    Task<ClvModel> FitAsync(ClvFitRequest request);
}
