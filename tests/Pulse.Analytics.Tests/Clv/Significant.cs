namespace Pulse.Analytics.Tests.Clv;

internal static class Significant
{
    /// <summary>Asserts that <paramref name="actual"/> agrees with a published <paramref name="expected"/> to <paramref name="figures"/> significant figures (half a unit in the last place).</summary>
    public static void Equal(double expected, double actual, int figures = 3)
    {
        var unit = Math.Pow(10, Math.Floor(Math.Log10(Math.Abs(expected))) - figures + 1);
        Assert.True(Math.Abs(actual - expected) <= unit / 2 + (unit * 1e-9), $"expected {expected} to {figures} significant figures, got {actual}");
    }
}
