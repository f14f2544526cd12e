namespace Pulse.Grains.Delivery;

/// <summary>How delivery hands out a page: every recipient its share, the ones that failed again until they take it.</summary>
internal static class Retries
{
    /// <summary>
    /// Calls <paramref name="send"/> for every batch at once, then again for those that failed, after a pause
    /// growing 50 ms an attempt up to 2 s, until all took theirs (a recipient refuses what it had by id or cursor).
    /// </summary>
    /// <param name="onRetry">Told of each failed round: the first error, how many failed, the attempt.</param>
    public static async Task UntilAllTakeAsync<TKey, TBatch>(
        IEnumerable<KeyValuePair<TKey, TBatch>> batches,
        Func<TKey, TBatch, Task> send,
        Action<Exception, int, int> onRetry,
        CancellationToken cancellationToken)
    {
        var pending = batches.ToList();
        for (var attempt = 1; pending.Count > 0; attempt++)
        {
            var calls = pending.Select(p => send(p.Key, p.Value)).ToArray();
            try
            {
                await Task.WhenAll(calls);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                pending = [.. pending.Where((_, i) => !calls[i].IsCompletedSuccessfully)];
                onRetry(ex, pending.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(2_000, 50 * attempt)), cancellationToken);
            }
        }
    }
}
