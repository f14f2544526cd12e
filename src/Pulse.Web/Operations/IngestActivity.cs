namespace Pulse.Web.Operations;

/// <summary>Interactions this process accepted, as a rate over the last few seconds (a ring of one-second counts).</summary>
public sealed class IngestActivity(TimeProvider time)
{
    private const int Seconds = 10;
    private readonly long[] _counts = new long[Seconds];
    private readonly long[] _secondOf = new long[Seconds];
    private readonly Lock _lock = new();

    public void Accepted(int count)
    {
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var slot = (int)(second % Seconds);
        lock (_lock)
        {
            if (_secondOf[slot] != second)
            {
                (_secondOf[slot], _counts[slot]) = (second, 0);
            }

            _counts[slot] += count;
        }
    }

    /// <summary>Accepted per second over the last complete seconds of the window.</summary>
    public double PerSecond()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        long total = 0;
        lock (_lock)
        {
            for (var i = 0; i < Seconds; i++)
            {
                // The current second is still filling: leave it out.
                if (_secondOf[i] < now && _secondOf[i] >= now - (Seconds - 1))
                {
                    total += _counts[i];
                }
            }
        }

        return total / (double)(Seconds - 1);
    }
}
