namespace Pulse.Cli.Bench;

/// <summary>What <c>pulse bench triggers</c> sets up and measures.</summary>
internal sealed record TriggerBenchSettings
{
    /// <summary>Events a second of background load (page views, purchases, chats, complaints over <see cref="Customers"/>).</summary>
    public double Rate { get; init; } = 5_000;

    /// <summary>Active rules, the probe rule among them.</summary>
    public int Rules { get; init; } = 50;

    public int Customers { get; init; } = 10_000;

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Probe events a second: each one fires the probe rule once.</summary>
    public double ProbesPerSecond { get; init; } = 20;

    /// <summary>The loopback port the webhook receiver listens on (0: any free one).</summary>
    public int ReceiverPort { get; init; }

    public int Seed { get; init; } = 1;
}
