namespace Pulse.Analytics.Segments;

/// <summary>
/// k-means++ seeding (Arthur &amp; Vassilvitskii 2007, "k-means++: the advantages of careful seeding"):
/// the first centre is a uniformly chosen point, each next one a point chosen with probability
/// proportional to D(x)², its squared distance to the nearest centre chosen so far. The expected
/// inertia of the seeds alone is within a factor 8(ln k + 2) of the optimum.
/// </summary>
/// <remarks>
/// With more than one candidate per step this is greedy k-means++, scikit-learn's default: several
/// points are drawn by the D² rule and the one that leaves the smallest total D² is kept (scikit-learn
/// draws 2 + ⌊ln k⌋, <see cref="GreedyCandidates"/>). It avoids most of the bad seedings (two seeds in
/// one cluster, none in a small one) that one draw per step makes.
/// </remarks>
public static class KMeansPlusPlus
{
    /// <summary>scikit-learn's number of candidates per step for greedy seeding: 2 + ⌊ln k⌋.</summary>
    public static int GreedyCandidates(int k) => 2 + (int)Math.Log(k);

    /// <summary>k seeds from the points (flat, row-major), drawn with <paramref name="random"/>.</summary>
    /// <param name="points">The points, row-major.</param>
    /// <param name="dimensions">Features per point.</param>
    /// <param name="k">Number of seeds.</param>
    /// <param name="random">The draws.</param>
    /// <param name="candidates">Points drawn per step, the best kept; 1 is the paper's algorithm.</param>
    /// <remarks>With fewer distinct points than k, the centres left over repeat points (uniformly chosen).</remarks>
    public static Centres Seed(ReadOnlySpan<double> points, int dimensions, int k, Random random, int candidates = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(candidates);
        ArgumentNullException.ThrowIfNull(random);
        var n = Centres.CheckPoints(points, dimensions);
        if (n == 0)
        {
            throw new ArgumentException("Seeding needs at least one point.", nameof(points));
        }

        var centres = new Centres(k, dimensions);
        var nearest = new double[n];
        var trial = candidates > 1 ? new double[n] : [];
        var best = candidates > 1 ? new double[n] : [];
        Array.Fill(nearest, double.PositiveInfinity);
        var pick = random.Next(n);
        for (var c = 0; c < k; c++)
        {
            if (c > 0)
            {
                pick = Draw(nearest, random);
                if (candidates > 1)
                {
                    // Keep the candidate that leaves the least total D²; its D² becomes the new one.
                    nearest.CopyTo(best, 0);
                    var bestTotal = Tighten(points, dimensions, points.Slice(pick * dimensions, dimensions), best);
                    for (var t = 1; t < candidates; t++)
                    {
                        var other = Draw(nearest, random);
                        nearest.CopyTo(trial, 0);
                        var total = Tighten(points, dimensions, points.Slice(other * dimensions, dimensions), trial);
                        if (total < bestTotal)
                        {
                            (pick, bestTotal) = (other, total);
                            trial.CopyTo(best, 0);
                        }
                    }
                }
            }

            var seed = points.Slice(pick * dimensions, dimensions);
            seed.CopyTo(centres.Row(c));
            Tighten(points, dimensions, seed, nearest);
        }

        return centres;
    }

    /// <summary>Lowers each point's D² to its distance to <paramref name="centre"/> where that is nearer; returns the new total.</summary>
    internal static double Tighten(ReadOnlySpan<double> points, int dimensions, ReadOnlySpan<double> centre, Span<double> nearest)
    {
        double total = 0;
        for (var i = 0; i < nearest.Length; i++)
        {
            var distance = Centres.SquaredDistance(points.Slice(i * dimensions, dimensions), centre);
            if (distance < nearest[i])
            {
                nearest[i] = distance;
            }

            total += nearest[i];
        }

        return total;
    }

    /// <summary>An index drawn with probability proportional to its weight; uniform when all weights are 0.</summary>
    internal static int Draw(ReadOnlySpan<double> weights, Random random)
    {
        double total = 0;
        foreach (var w in weights)
        {
            total += w;
        }

        if (!(total > 0) || double.IsInfinity(total))
        {
            return random.Next(weights.Length);
        }

        var target = random.NextDouble() * total;
        double running = 0;
        var last = -1;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] > 0)
            {
                running += weights[i];
                last = i;
                if (target < running)
                {
                    return i;
                }
            }
        }

        // Rounding left the target a hair above the sum: the last index with weight.
        return last;
    }
}
