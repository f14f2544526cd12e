namespace Pulse.Contracts.Models;

/// <summary>One fit of the lifetime-value models: gathers the population from the interaction log, fits, validates and publishes.</summary>
[Alias("pulse.IClvFitGrain")]
public interface IClvFitGrain : IGrainWithGuidKey
{
    [Alias("FitAsync")]
    Task<ClvModel> FitAsync(ClvFitRequest request);
}
