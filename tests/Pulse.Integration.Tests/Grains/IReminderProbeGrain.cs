namespace Pulse.Integration.Tests.Grains;

/// <summary>Registers reminders on request and counts their ticks.</summary>
[Alias("Pulse.Integration.Tests.Grains.IReminderProbeGrain")]
public interface IReminderProbeGrain : IGrainWithStringKey
{
    [Alias("RegisterAsync")]
    Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period);

    [Alias("TicksAsync")]
    Task<int> TicksAsync(string name);

    [Alias("ReminderNamesAsync")]
    Task<IReadOnlyList<string>> ReminderNamesAsync();

    [Alias("UnregisterAsync")]
    Task UnregisterAsync(string name);
}
