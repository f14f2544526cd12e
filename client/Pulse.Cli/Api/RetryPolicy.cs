namespace Pulse.Cli.Api;

/// <summary>How often and how patiently a request is retried when the server is busy or unreachable.</summary>
/// <param name="MaxAttempts">Sends in all, the first included.</param>
/// <param name="BaseDelay">The wait after the first failure; it doubles each time, with jitter.</param>
/// <param name="MaxDelay">The longest wait between two attempts, a server's Retry-After included.</param>
internal sealed record RetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static RetryPolicy Default { get; } = new(8, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10));

    /// <summary>
    /// The wait before attempt <paramref name="failedAttempt"/> + 1. The server's Retry-After wins when it
    /// gives one; otherwise exponential backoff with "equal jitter" (half fixed, half random) so that
    /// many senders that failed together do not come back together.
    /// </summary>
    public TimeSpan DelayAfter(int failedAttempt, TimeSpan? retryAfter, double random01)
    {
        if (retryAfter is { } serverSays && serverSays > TimeSpan.Zero)
        {
            return serverSays < MaxDelay ? serverSays : MaxDelay;
        }

        var exponent = Math.Min(failedAttempt - 1, 20);
        var ceiling = Math.Min(BaseDelay.TotalMilliseconds * Math.Pow(2, exponent), MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling / 2 + ceiling / 2 * random01);
    }
}
