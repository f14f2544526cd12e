namespace Pulse.Analytics.Clv;

/// <summary>
/// What the purchase-count models see of a customer, in periods (weeks for CDNOW): repeat purchases
/// <paramref name="Frequency"/> (x), the time of the last one <paramref name="Recency"/> (tₓ, from
/// the first purchase), and the time since the first purchase <paramref name="T"/>.
/// </summary>
public readonly record struct RfmPoint(int Frequency, double Recency, double T)
{
    /// <summary>Throws when the point is not a possible history (negative values, recency after T, repeat purchases with zero recency).</summary>
    public void Validate()
    {
        if (Frequency < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Frequency), Frequency, "frequency must be 0 or more");
        }

        if (!(Recency >= 0) || !(T >= Recency) || double.IsInfinity(T))
        {
            throw new ArgumentOutOfRangeException(nameof(Recency), $"recency must be in [0, T]; got recency {Recency}, T {T}");
        }
    }
}
