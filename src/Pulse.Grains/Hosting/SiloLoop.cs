namespace Pulse.Grains.Hosting;

/// <summary>
/// A background loop of a silo service: runs a round at once and then every interval until stopped;
/// a round's failure is handed to the caller's handler and the loop goes on.
/// </summary>
internal sealed class SiloLoop(TimeSpan interval, Func<CancellationToken, Task> round, Action<Exception> onFailure)
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop;
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                await round(_stopping.Token);
            }
            catch (Exception) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                onFailure(ex);
            }
        }
        while (await NextAsync(timer));
    }

    private async Task<bool> NextAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
