namespace Pulse.Cli.Bench;

/// <summary>What <c>pulse bench graph</c> builds and measures.</summary>
internal sealed record GraphBenchSettings
{
    /// <summary>Customers in the preloaded graph.</summary>
    public int Customers { get; init; } = 100_000;

    /// <summary>Relationships each new customer makes while the graph is preloaded (preferential attachment): customers × this = edges.</summary>
    public int EdgesPerCustomer { get; init; } = 10;

    /// <summary>Relationships a second while the latency is measured.</summary>
    public double Rate { get; init; } = 1_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    public double ProbesPerSecond { get; init; } = 10;

    /// <summary>POSTs in flight while preloading.</summary>
    public int Concurrency { get; init; } = 4;

    /// <summary>Skip the preload (the graph is there from an earlier run).</summary>
    public bool SkipPreload { get; init; }

    public int Seed { get; init; } = 1;
}
