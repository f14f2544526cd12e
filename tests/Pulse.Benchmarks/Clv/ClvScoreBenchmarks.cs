using BenchmarkDotNet.Attributes;
using Pulse.Analytics.Clv;

namespace Pulse.Benchmarks.Clv;

/// <summary>
/// Scoring one customer at fitted parameters: P(alive), purchases expected in the next 90 days, expected
/// spend per purchase (Gamma-Gamma) and the 12-month discounted lifetime value. Target (issue 4): all of
/// it in at most 2 µs per customer. Customers are a spread of the CDNOW master, in weeks.
/// </summary>
[MemoryDiagnoser]
public class ClvScoreBenchmarks
{
    private const int Sample = 1_000;
    private const double NinetyDays = 90.0 / 7;

    // Fader, Hardie & Lee (2005), section 5 (BG/NBD), and Fader & Hardie (2013) (Gamma-Gamma), on CDNOW.
    private static readonly BgNbdModel Purchases = new(0.243, 4.414, 0.793, 2.426);
    private static readonly GammaGammaModel Spend = new(6.25, 3.74, 15.44);

    private CdnowCustomer[] _customers = [];

    [GlobalSetup]
    public void Setup()
    {
        var all = CdnowMaster.Customers();
        var step = all.Length / Sample;
        _customers = [.. Enumerable.Range(0, Sample).Select(i => all[i * step])];
        Console.WriteLine($"// scored: {_customers.Length} customers, {_customers.Count(c => c.Point.Frequency > 0)} with repeat purchases, max x {_customers.Max(c => c.Point.Frequency)}");
    }

    /// <summary>All four scores of one customer.</summary>
    [Benchmark(OperationsPerInvoke = Sample)]
    public double ScoreCustomer()
    {
        double sum = 0;
        foreach (var customer in _customers)
        {
            var alive = Purchases.ProbabilityAlive(customer.Point);
            var next90Days = Purchases.ExpectedPurchases(NinetyDays, customer.Point);
            var perPurchase = Spend.ExpectedSpend(customer.Point.Frequency, customer.MeanSpend);
            var value = LifetimeValue.Discounted(Purchases, Spend, customer.Point, customer.MeanSpend, 12, 0.01);
            sum += alive + next90Days + perPurchase + value;
        }

        return sum;
    }

    /// <summary>P(alive) alone.</summary>
    [Benchmark(OperationsPerInvoke = Sample)]
    public double ProbabilityAlive()
    {
        double sum = 0;
        foreach (var customer in _customers)
        {
            sum += Purchases.ProbabilityAlive(customer.Point);
        }

        return sum;
    }

    /// <summary>E[Y(90 days)] alone.</summary>
    [Benchmark(OperationsPerInvoke = Sample)]
    public double ExpectedPurchases90Days()
    {
        double sum = 0;
        foreach (var customer in _customers)
        {
            sum += Purchases.ExpectedPurchases(NinetyDays, customer.Point);
        }

        return sum;
    }

    /// <summary>The 12-month discounted lifetime value alone.</summary>
    [Benchmark(OperationsPerInvoke = Sample)]
    public double LifetimeValue12Months()
    {
        double sum = 0;
        foreach (var customer in _customers)
        {
            sum += LifetimeValue.Discounted(Purchases, Spend, customer.Point, customer.MeanSpend, 12, 0.01);
        }

        return sum;
    }
}
