using Pulse.Contracts.Models;
using Pulse.Grains.Tests.Cluster;

namespace Pulse.Grains.Tests.Models;

/// <summary>
/// A lifetime-value model with the CDNOW parameters (Fader, Hardie &amp; Lee 2005: BG/NBD r 0.243, α 4.414,
/// a 0.793, b 2.426; Fader, Hardie &amp; Lee 2005b: Gamma-Gamma p 6.25, q 3.74, v 15.44), ready to publish.
/// </summary>
public static class CdnowClvModel
{
    private static readonly FittedParameters BgNbd = new(["r", "alpha", "a", "b"], [0.243, 4.414, 0.793, 2.426], [0.01, 0.2, 0.05, 0.2], Diagonal([1e-4, 0.04, 0.0025, 0.04]), -9582.4, 20, true, 2357);
    private static readonly FittedParameters GammaGamma = new(["p", "q", "v"], [6.25, 3.74, 15.44], [0.5, 0.3, 2], Diagonal([0.25, 0.09, 4]), -4000, 20, true, 946);

    /// <summary>The model as a registry takes it (the registry assigns the version).</summary>
    public static ClvModel Make() =>
        new(0, DateOnly.FromDateTime(PulseTestCluster.Start.UtcDateTime), 7, 2357, 1000, BgNbd, GammaGamma, null, "test", PulseTestCluster.Start, TimeSpan.Zero);

    private static double[] Diagonal(double[] values)
    {
        var n = values.Length;
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            m[(i * n) + i] = values[i];
        }

        return m;
    }
}
