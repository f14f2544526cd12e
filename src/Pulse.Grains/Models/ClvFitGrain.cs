using System.Diagnostics;
using Pulse.Analytics.Clv;
using Pulse.Contracts.Models;
using Pulse.Grains.InteractionLog;

namespace Pulse.Grains.Models;

/// <summary>
/// One fit: gathers the population as of a day from the interaction log (event time, so imported
/// history is fitted as it stood then), fits BG/NBD, Gamma-Gamma and Pareto/NBD, checks the result
/// and publishes it to the registry.
/// </summary>
public sealed class ClvFitGrain(IInteractionLog log, TimeProvider time) : Grain, IClvFitGrain
{
    private static readonly TimeSpan ParetoNbdBudget = TimeSpan.FromSeconds(5);

    public async Task<ClvModel> FitAsync(ClvFitRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!(request.PeriodDays > 0))
        {
            throw new ArgumentException($"periodDays must be a positive number of days; got {request.PeriodDays}.", nameof(request));
        }

        var clock = Stopwatch.StartNew();
        var asOf = request.AsOf ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var population = await ClvPopulation.GatherAsync(log, asOf, request.PeriodDays);
        if (population.Purchases.Customers < 10)
        {
            throw new InvalidOperationException($"asOf {asOf:yyyy-MM-dd}: only {population.Purchases.Customers} customers had bought by then; a lifetime-value fit needs at least 10.");
        }

        if (population.Spend.Customers < 3)
        {
            throw new InvalidOperationException($"asOf {asOf:yyyy-MM-dd}: only {population.Spend.Customers} customers had a repeat purchase with a positive amount; the spend model needs at least 3.");
        }

        var bgNbd = Named("BG/NBD", () => BgNbdModel.Fit(population.Purchases));
        var gammaGamma = Named("Gamma-Gamma", () => GammaGammaModel.Fit(population.Spend));
        FittedParameters? paretoNbd = null;
        try
        {
            // The comparison model is optional (the published scores use BG/NBD), and its likelihood
            // can be slow on data far from the model: it gets a bounded time.
            using (MaximumLikelihood.WithTimeBudget(ParetoNbdBudget))
            {
                paretoNbd = ParetoNbdModel.Fit(population.Purchases).ToParameters();
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or ArithmeticException)
        {
            paretoNbd = null;
        }

        if (!(gammaGamma["q"] > 1))
        {
            throw new InvalidOperationException($"the spend model's q is {gammaGamma["q"]:G4}: expected spend per purchase is undefined for q ≤ 1; the spend data do not support a lifetime value.");
        }

        var model = new ClvModel(
            0, asOf, request.PeriodDays, population.Purchases.Customers, population.Purchases.Distinct,
            bgNbd.ToParameters(), gammaGamma.ToParameters(), paretoNbd,
            string.IsNullOrWhiteSpace(request.RequestedBy) ? "unknown" : request.RequestedBy,
            time.GetUtcNow(), clock.Elapsed);
        var published = await GrainFactory.GetGrain<IModelRegistryGrain>(ModelNames.Clv).PublishClvAsync(model);
        DeactivateOnIdle();
        return published;
    }

    private static ModelFit Named(string model, Func<ModelFit> fit)
    {
        try
        {
            return fit();
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{model}: {ex.Message}", ex);
        }
    }
}
