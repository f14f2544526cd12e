namespace Pulse.Cli.Bench;

/// <summary>How <c>pulse bench</c> loads the server.</summary>
internal sealed record BenchSettings
{
    /// <summary>Length of each phase.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The paced load of the latency phase, events per second.</summary>
    public double Rate { get; init; } = 5_000;

    public int Concurrency { get; init; } = 8;

    public int BatchSize { get; init; } = 1_000;

    public int Customers { get; init; } = 20_000;

    public double ProbesPerSecond { get; init; } = 20;

    /// <summary>
    /// How long the paced load runs before probing starts, so the latency phase measures the steady
    /// state rather than the backlog the throughput phase left behind.
    /// </summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(3);

    public int Seed { get; init; } = 1;

    public bool Throughput { get; init; } = true;

    public bool Latency { get; init; } = true;
}
