namespace Pulse.Cli.Feed;

/// <summary>The recent rate of a growing counter: the slope over a sliding window of samples.</summary>
internal sealed class RateMeter(TimeSpan window)
{
    private readonly Queue<(TimeSpan At, long Value)> _samples = new();

    /// <summary>Adds a sample and returns the rate per second over the window that ends at it.</summary>
    public double Observe(TimeSpan at, long value)
    {
        _samples.Enqueue((at, value));
        while (_samples.Count > 2 && at - _samples.Peek().At > window)
        {
            _samples.Dequeue();
        }

        var (firstAt, firstValue) = _samples.Peek();
        var seconds = (at - firstAt).TotalSeconds;
        return seconds > 0 ? (value - firstValue) / seconds : 0;
    }
}
