namespace Pulse.Grains.Models;

/// <summary>Lifetime-value settings, from <c>Pulse:Models:Clv</c>.</summary>
public sealed class ClvOptions
{
    /// <summary>The horizon of the lifetime value, in months.</summary>
    public int Months { get; set; } = 12;

    /// <summary>Monthly discount rate (0.01 is about 12.7 % a year).</summary>
    public double MonthlyDiscountRate { get; set; } = 0.01;

    /// <summary>How often each silo asks the registry whether a new version is out.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a customer re-scores itself with no new event, so that P(alive) falls while it stays silent.</summary>
    public TimeSpan ScoreRefreshInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Refit on this schedule (a reminder in the registry), on the population as of the day it fires; off when null.</summary>
    public TimeSpan? RefitInterval { get; set; }

    /// <summary>The time unit of scheduled refits, in days.</summary>
    public double PeriodDays { get; set; } = 7;
}
