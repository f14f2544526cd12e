namespace Pulse.Silo.Demo;

/// <summary>The built-in demo feed (<c>Pulse:Demo</c>).</summary>
public sealed class DemoFeedOptions
{
    public bool Enabled { get; set; }

    public int Customers { get; set; } = 2000;

    public double EventsPerSecond { get; set; } = 200;

    public int Seed { get; set; } = 42;

    /// <summary>
    /// Days of backdated history written before the live feed starts (0: none), so lifetime value and
    /// churn have a past to learn from the moment the demo starts.
    /// </summary>
    public int HistoryDays { get; set; }

    /// <summary>After writing history, fit lifetime value and train churn once, so the first customer card shows scores.</summary>
    public bool TrainModels { get; set; } = true;
}
