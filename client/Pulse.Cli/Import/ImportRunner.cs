using Pulse.Cli.Api;

namespace Pulse.Cli.Import;

/// <summary>
/// Replays an imported file in event-time order, one batch after another. Batches go one at a time,
/// not in parallel, so every customer's history reaches the server in the order it happened.
/// </summary>
internal sealed class ImportRunner(PulseApiClient client, TimeProvider time)
{
    /// <summary>Problems kept for the summary.</summary>
    public const int MaxProblems = 10;

    /// <summary>Oldest first; rows of the same instant keep their file order.</summary>
    public static ImportRecord[] InEventTimeOrder(IEnumerable<ImportRecord> records)
    {
        var ordered = records.ToArray();
        Array.Sort(ordered, static (a, b) =>
        {
            var byTime = a.Interaction.Timestamp.CompareTo(b.Interaction.Timestamp);
            return byTime != 0 ? byTime : a.Row.CompareTo(b.Row);
        });
        return ordered;
    }

    /// <param name="file">What the reader made of the file.</param>
    /// <param name="batchSize">Rows per POST.</param>
    /// <param name="progress">Told the number of rows answered for after each batch.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public async Task<ImportOutcome> RunAsync(ImportFile file, int batchSize, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var started = time.GetTimestamp();
        var ordered = InEventTimeOrder(file.Records);
        var problems = file.Errors.Take(MaxProblems).ToList();
        long sent = 0, accepted = 0, duplicates = 0, rejected = 0;
        string? stoppedBecause = null;

        for (var offset = 0; offset < ordered.Length; offset += batchSize)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                stoppedBecause = "stopped on request";
                break;
            }

            var chunk = ordered.AsMemory(offset, Math.Min(batchSize, ordered.Length - offset));
            var payloads = new InteractionPayload[chunk.Length];
            for (var i = 0; i < payloads.Length; i++)
            {
                payloads[i] = chunk.Span[i].Interaction;
            }

            IngestResult result;
            try
            {
                result = await client.PostInteractionsAsync(payloads, cancellationToken).ConfigureAwait(false);
            }
            catch (PulseApiException ex)
            {
                stoppedBecause = $"the batch starting at row {chunk.Span[0].Row} failed: {ex.Message}";
                break;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                stoppedBecause = "stopped on request while a batch was in flight (its rows may or may not be applied)";
                break;
            }

            sent += chunk.Length;
            accepted += result.Accepted;
            duplicates += result.Duplicates;
            rejected += result.Rejected.Count;
            foreach (var r in result.Rejected)
            {
                if (problems.Count >= MaxProblems)
                {
                    break;
                }

                // The server names the item by its index in the batch; the user knows it by its row.
                var row = r.Index >= 0 && r.Index < chunk.Length ? chunk.Span[r.Index].Row : 0;
                problems.Add(new ImportError(row, file.ColumnsByField.GetValueOrDefault(r.Field, r.Field), r.Reason));
            }

            progress?.Report(sent);
        }

        return new ImportOutcome
        {
            SourceName = file.SourceName,
            RowsRead = file.RowsRead,
            Invalid = file.ErrorCount,
            Sent = sent,
            Accepted = accepted,
            Duplicates = duplicates,
            Rejected = rejected,
            NotSent = ordered.Length - sent,
            Elapsed = time.GetElapsedTime(started),
            Problems = problems,
            StoppedBecause = stoppedBecause,
        };
    }
}
