namespace Pulse.Silo.Demo;

/// <summary>The built-in demo feed (<c>Pulse:Demo</c>).</summary>
public sealed class DemoFeedOptions
{
    public bool Enabled { get; set; }

    public int Customers { get; set; } = 2000;

    public double EventsPerSecond { get; set; } = 200;

    public int Seed { get; set; } = 42;
}
