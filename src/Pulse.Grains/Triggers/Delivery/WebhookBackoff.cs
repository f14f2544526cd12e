namespace Pulse.Grains.Triggers.Delivery;

/// <summary>
/// When a failed delivery is tried again: exponential backoff with full jitter (AWS Architecture Blog, "Exponential
/// Backoff and Jitter", 2015): the wait after attempt n is uniform in [0, min(MaxRetry, FirstRetry·2^(n−1))).
/// Full jitter spreads the retries of many deliveries that failed together (a receiver's outage) over the whole
/// window instead of bunching them at its end.
/// </summary>
public static class WebhookBackoff
{
    /// <summary>The longest wait after failed attempt <paramref name="attempt"/> (1 for the first).</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan firstRetry, TimeSpan maxRetry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempt, 1);

        // Past 2^40 the doubling is far above any cap; stopping there keeps the arithmetic finite.
        var ticks = firstRetry.Ticks * Math.Pow(2, Math.Min(attempt - 1, 40));
        return ticks >= maxRetry.Ticks ? maxRetry : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The wait after failed attempt <paramref name="attempt"/>, with <paramref name="unit"/> uniform in [0, 1).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan firstRetry, TimeSpan maxRetry, double unit) =>
        TimeSpan.FromTicks((long)(Ceiling(attempt, firstRetry, maxRetry).Ticks * Math.Clamp(unit, 0, 1)));
}
