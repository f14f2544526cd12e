using System.CommandLine;
using System.Text.Json;
using Npgsql;
using Pulse.Cli.Api;
using Pulse.Cli.Shell;
using Pulse.Contracts.Interactions;
using Pulse.Grains.InteractionLog;
using Spectre.Console;

namespace Pulse.Cli.Log;

/// <summary>
/// <c>pulse log export|replay</c>: read the durable interaction log for audit, or send a time range of it
/// into a (fresh) cluster for backfill. Replayed interactions keep their event ids, so a replay is
/// idempotent.
/// </summary>
internal static class LogCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create(Option<Uri> url)
    {
        var connection = CommonOptions.Connection();
        var from = CommonOptions.Instant("--from", "Event time from (inclusive, ISO 8601)", required: true);
        var to = CommonOptions.Instant("--to", "Event time to (exclusive, ISO 8601)", required: true);
        var customer = new Option<string?>("--customer") { Description = "Only this customer" };
        var output = new Option<FileInfo?>("--out") { Description = "Write NDJSON here instead of standard output" };
        var batch = CommonOptions.Positive("--batch", "Interactions per POST", 1_000, max: 10_000);

        var export = new Command("export", "Write the logged interactions of a time range as NDJSON, for audit") { connection, from, to, customer, output };
        export.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            if (Log(parse.GetValue(connection)) is not var (log, dataSource))
            {
                return CommandActions.Fail(CommonOptions.NoConnection);
            }

            await using (dataSource)
            {
                var file = parse.GetValue(output);
                await using var writer = file is null ? new StreamWriter(Console.OpenStandardOutput()) : new StreamWriter(file.FullName);
                var count = 0;
                await foreach (var (interaction, acceptedAt) in log.ReadRangeAsync(parse.GetValue(from)!.Value, parse.GetValue(to)!.Value, parse.GetValue(customer), cancellationToken).ConfigureAwait(false))
                {
                    await writer.WriteLineAsync(JsonSerializer.Serialize(new LogLine(ToPayload(interaction), interaction.Position, acceptedAt), Json)).ConfigureAwait(false);
                    count++;
                }

                if (file is not null)
                {
                    AnsiConsole.MarkupLine($"Exported {count:N0} interactions to {Markup.Escape(file.FullName)}.");
                }
            }

            return CommandActions.Ok;
        }));

        var replay = new Command("replay", "Send the logged interactions of a time range, in event-time order, to the cluster at --url (backfill)") { connection, from, to, customer, batch };
        replay.SetAction(CommandActions.Guarded(async (parse, cancellationToken) =>
        {
            if (Log(parse.GetValue(connection)) is not var (log, dataSource))
            {
                return CommandActions.Fail(CommonOptions.NoConnection);
            }

            await using (dataSource)
            {
                using var client = PulseApiClient.Create(parse.GetRequiredValue(url));
                var size = parse.GetValue(batch);
                var pending = new List<InteractionPayload>(size);
                long accepted = 0, duplicates = 0, rejected = 0;
                async Task FlushAsync()
                {
                    if (pending.Count == 0)
                    {
                        return;
                    }

                    var result = await client.PostInteractionsAsync(pending, cancellationToken).ConfigureAwait(false);
                    accepted += result.Accepted;
                    duplicates += result.Duplicates;
                    rejected += result.Rejected.Count;
                    pending.Clear();
                }

                await foreach (var (interaction, _) in log.ReadRangeAsync(parse.GetValue(from)!.Value, parse.GetValue(to)!.Value, parse.GetValue(customer), cancellationToken).ConfigureAwait(false))
                {
                    pending.Add(ToPayload(interaction));
                    if (pending.Count == size)
                    {
                        await FlushAsync().ConfigureAwait(false);
                    }
                }

                await FlushAsync().ConfigureAwait(false);
                AnsiConsole.MarkupLine($"Replayed: {accepted:N0} accepted, {duplicates:N0} already there, {rejected:N0} rejected.");
                return rejected == 0 ? CommandActions.Ok : CommandActions.Failed;
            }
        }));

        return new Command("log", "Read the durable interaction log: audit and backfill") { export, replay };
    }

    private static (PostgresInteractionLog Log, NpgsqlDataSource DataSource)? Log(string? given)
    {
        var cs = CommonOptions.ConnectionString(given);
        if (cs is null)
        {
            return null;
        }

        var dataSource = NpgsqlDataSource.Create(cs);
        return (new PostgresInteractionLog(dataSource), dataSource);
    }

    private static InteractionPayload ToPayload(Interaction i) =>
        new(i.EventId, i.CustomerId, i.Timestamp, i.Channel.Name(), i.Kind.Name(), i.Amount, i.Text, i.CounterpartyId, i.Properties);


    /// <summary>One exported line: the interaction as ingest takes it, plus where and when the log took it.</summary>
    private sealed record LogLine(InteractionPayload Interaction, long Position, DateTimeOffset AcceptedAt);
}
