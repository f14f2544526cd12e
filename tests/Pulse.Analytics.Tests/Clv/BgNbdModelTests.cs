using Pulse.Analytics.Clv;

namespace Pulse.Analytics.Tests.Clv;

public sealed class BgNbdModelTests
{
    [Fact]
    public void TheCdnowFitAgreesWithThePublishedParameters()
    {
        var fit = BgNbdModel.Fit(CdnowSummary.Histogram());

        // Fader, Hardie & Lee (2005), "Counting your customers the easy way", section 5:
        // r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
        Assert.Equal(0.243, fit["r"], 3);
        Assert.Equal(4.414, fit["alpha"], 2);
        Assert.Equal(0.793, fit["a"], 3);
        Assert.Equal(2.426, fit["b"], 3);
        Assert.Equal(-9582.4, fit.LogLikelihood, 1);
        Assert.True(fit.Converged);
    }
}
