using MathNet.Numerics.Distributions;
using Pulse.Analytics.Clv;

namespace Pulse.Benchmarks.Clv;

/// <summary>
/// Customers drawn from the BG/NBD process and seen the way week-granular data sees them: each customer's
/// λ ~ Gamma(r, α) and p ~ Beta(a, b); purchases follow a Poisson process at rate λ from the first
/// purchase (time 0) and the customer drops out after each repeat purchase with probability p. The
/// customer is observed to the end of week T (T a whole number of weeks, 1 to 78); x counts the distinct
/// weeks after the first with a purchase, and tₓ is the last such week, so identical triples occur as
/// they do in real data.
/// </summary>
public static class BgNbdSimulation
{
    public static RfmPoint[] Customers(BgNbdModel model, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        var random = new Random(seed);
        var customers = new RfmPoint[count];
        for (var i = 0; i < count; i++)
        {
            var lambda = Gamma.Sample(random, model.R, model.Alpha);
            var dropout = Beta.Sample(random, model.A, model.B);
            var weeks = random.Next(1, 79);
            double time = 0;
            int repeatWeeks = 0, lastWeek = 0;
            while (lambda > 0)
            {
                time += -Math.Log(1 - random.NextDouble()) / lambda;
                if (time >= weeks + 1)
                {
                    break;
                }

                var week = (int)time;
                if (week > lastWeek)
                {
                    repeatWeeks++;
                    lastWeek = week;
                }

                if (random.NextDouble() < dropout)
                {
                    break;
                }
            }

            customers[i] = new RfmPoint(repeatWeeks, lastWeek, weeks);
        }

        return customers;
    }
}
