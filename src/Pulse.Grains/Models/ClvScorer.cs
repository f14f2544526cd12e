using Pulse.Analytics.Clv;
using Pulse.Analytics.Rfm;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Models;

namespace Pulse.Grains.Models;

/// <summary>A published lifetime-value model, ready to score customers (what each silo caches).</summary>
public sealed class ClvScorer
{
    private const double NinetyDays = 90;

    // lifetimes' weekly factor (freq="W"), scaled to the model's period.
    private const double WeeksPerMonth = LifetimeValue.WeeksPerMonth;

    public ClvScorer(ClvModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model;
        PurchasesFit = model.BgNbd.ToFit();
        SpendFit = model.GammaGamma.ToFit();
        Purchases = BgNbdModel.From(PurchasesFit);
        Spend = GammaGammaModel.From(SpendFit);
    }

    public ClvModel Model { get; }

    public int Version => Model.Version;

    public BgNbdModel Purchases { get; }

    public GammaGammaModel Spend { get; }

    public ModelFit PurchasesFit { get; }

    public ModelFit SpendFit { get; }

    /// <summary>Scores a customer's RFM summary (days) at <paramref name="asOf"/>; null for a customer who never bought.</summary>
    public CustomerValue? Score(RfmSummary rfm, DateTimeOffset asOf, int months, double monthlyDiscountRate)
    {
        if (rfm.FirstPurchaseDay is null)
        {
            return null;
        }

        var days = Model.PeriodDays;
        var point = new RfmPoint(rfm.Frequency, rfm.RecencyDays / days, rfm.AgeDays / days);
        var meanSpend = (double)rfm.MonetaryValue;
        var periodsPerMonth = WeeksPerMonth * 7 / days;
        var value = LifetimeValue.WithInterval(PurchasesFit, SpendFit, point, meanSpend, months, monthlyDiscountRate, periodsPerMonth);
        return new CustomerValue(
            Version,
            asOf,
            Purchases.ProbabilityAlive(point),
            Purchases.ExpectedPurchases(NinetyDays / days, point),
            value.Value,
            value.Lower,
            value.Upper,
            months,
            monthlyDiscountRate);
    }
}
