namespace Pulse.Cli.Feed;

/// <summary>What <c>pulse feed</c> (and the load of <c>pulse bench</c>) sends, how fast and for how long.</summary>
internal sealed record FeedSettings
{
    /// <summary>Size of the simulated population.</summary>
    public int Customers { get; init; } = 10_000;

    /// <summary>Prefix of the simulated customer ids.</summary>
    public string CustomerPrefix { get; init; } = "c-";

    /// <summary>Target events per second; null sends as fast as the server answers.</summary>
    public double? Rate { get; init; } = 1_000;

    /// <summary>Stop after this long; with neither this nor <see cref="Count"/>, run until stopped.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Stop after this many events.</summary>
    public long? Count { get; init; }

    /// <summary>Largest batch per POST.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>POSTs in flight at once.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Seed of the simulator, so a run's population and event mix can be repeated.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// The batch actually sent: at a paced rate, small enough for about ten POSTs a second, so event
    /// times stay close to the wall clock and the rate is smooth rather than bursty.
    /// </summary>
    public int EffectiveBatchSize => Rate is { } rate
        ? (int)Math.Clamp(Math.Ceiling(rate / 10), 1, BatchSize)
        : BatchSize;
}
