namespace Pulse.Grains.Tests.Cluster;

/// <summary>Waits for a condition by polling it with a deadline: never a bare sleep.</summary>
public static class Eventually
{
    /// <summary>
    /// Polls until <paramref name="condition"/> holds. A probe that throws counts as "not yet" (a call
    /// to a silo that was just killed times out until membership declares it dead).
    /// </summary>
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(15));
        T? last = default;
        Exception? lastError = null;
        while (true)
        {
            try
            {
                last = await probe();
                lastError = null;
                if (condition(last))
                {
                    return last;
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || DateTime.UtcNow <= deadline)
            {
                lastError = ex;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last value: {last}", lastError);
            }

            await Task.Delay(10);
        }
    }
}
