namespace Pulse.Cli.Feed;

/// <summary>
/// Paces a sender to a steady rate: tokens refill continuously at <c>rate</c> per second up to
/// <c>capacity</c>; taking more than are there leaves a debt that the returned wait pays off.
/// </summary>
/// <remarks>
/// Reserve-then-wait (rather than wait-then-take) keeps the long-run rate exact even when each wait
/// overshoots a little (timer granularity): the debt is measured against the clock, not the waits.
/// Not thread-safe: one producer paces itself.
/// </remarks>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastTimestamp;

    public TokenBucket(double ratePerSecond, double capacity, TimeProvider time)
    {
        if (!(ratePerSecond > 0) || double.IsInfinity(ratePerSecond))
        {
            throw new ArgumentOutOfRangeException(nameof(ratePerSecond), ratePerSecond, "The rate must be positive and finite.");
        }

        if (!(capacity >= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be at least one token.");
        }

        RatePerSecond = ratePerSecond;
        Capacity = capacity;
        _time = time;
        _tokens = capacity;
        _lastTimestamp = time.GetTimestamp();
    }

    public double RatePerSecond { get; }

    public double Capacity { get; }

    /// <summary>Tokens available now; negative while in debt.</summary>
    public double Available
    {
        get
        {
            Refill();
            return _tokens;
        }
    }

    /// <summary>Takes <paramref name="count"/> tokens and returns how long to wait before using them.</summary>
    public TimeSpan Reserve(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Refill();
        _tokens -= count;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / RatePerSecond);
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastTimestamp, now);
        _lastTimestamp = now;
        _tokens = Math.Min(Capacity, _tokens + elapsed.TotalSeconds * RatePerSecond);
    }
}
