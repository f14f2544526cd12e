namespace Pulse.Integration.Tests.Grains;

public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    private readonly Dictionary<string, int> _ticks = [];

    public async Task RegisterAsync(string name, TimeSpan dueTime, TimeSpan period)
    {
        await this.RegisterOrUpdateReminder(name, dueTime, period);
    }

    public Task<int> TicksAsync(string name) => Task.FromResult(_ticks.GetValueOrDefault(name));

    public async Task<IReadOnlyList<string>> ReminderNamesAsync()
    {
        var reminders = await this.GetReminders();
        return [.. reminders.Select(r => r.ReminderName).Order(StringComparer.Ordinal)];
    }

    public async Task UnregisterAsync(string name)
    {
        var reminder = await this.GetReminder(name);
        if (reminder is not null)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        _ticks[reminderName] = _ticks.GetValueOrDefault(reminderName) + 1;
        return Task.CompletedTask;
    }
}
