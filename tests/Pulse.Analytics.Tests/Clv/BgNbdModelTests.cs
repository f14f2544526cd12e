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
        Significant.Equal(0.243, fit["r"]);
        Significant.Equal(4.414, fit["alpha"], 4);
        Significant.Equal(0.793, fit["a"]);
        Significant.Equal(2.426, fit["b"], 4);
        Significant.Equal(-9582.4, fit.LogLikelihood, 5);
        Assert.All(fit.StandardErrors, se => Assert.True(se > 0 && double.IsFinite(se)));
        Assert.True(fit.Converged);
    }
}
