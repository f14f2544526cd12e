namespace Pulse.Analytics.Triggers;

/// <summary>
/// A token bucket: <see cref="Capacity"/> tokens at most, refilled at <see cref="RatePerSecond"/>; each
/// <see cref="TryTake"/> spends one. The time is an argument (no clock inside), so it is tested and replayed
/// exactly. Thread-safe: the customers of a silo share one.
/// </summary>
public sealed class TokenBucket
{
    private readonly Lock _lock = new();
    private double _tokens;
    private long _lastTicks = long.MinValue;

    public TokenBucket(double ratePerSecond, double capacity)
    {
        if (!(ratePerSecond > 0) || !double.IsFinite(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The rate must be positive and finite.");
        }

        if (!(capacity >= 1) || !double.IsFinite(capacity))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be at least one token and finite.");
        }

        RatePerSecond = ratePerSecond;
        Capacity = capacity;
    }

    public double RatePerSecond { get; }

    public double Capacity { get; }

    /// <summary>Spends a token if there is one at <paramref name="now"/>. The bucket starts full; time going back refills nothing.</summary>
    public bool TryTake(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        lock (_lock)
        {
            if (_lastTicks == long.MinValue)
            {
                _tokens = Capacity;
                _lastTicks = ticks;
            }
            else if (ticks > _lastTicks)
            {
                _tokens = Math.Min(Capacity, _tokens + (ticks - _lastTicks) * RatePerSecond / TimeSpan.TicksPerSecond);
                _lastTicks = ticks;
            }

            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }
}
