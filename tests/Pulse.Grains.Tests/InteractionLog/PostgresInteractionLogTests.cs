using Npgsql;
using Pulse.Contracts.Identity;
using Pulse.Contracts.Interactions;
using Pulse.Grains.InteractionLog;
using Pulse.Grains.Postgres;

namespace Pulse.Grains.Tests.InteractionLog;

public sealed class PostgresInteractionLogTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 15, 123_456 / 1000, TimeSpan.Zero);

    private PostgresInteractionLog Log => new(postgres.DataSource);

    [Fact]
    public async Task AnAppendedInteractionComesBackExactlyWithItsPosition()
    {
        var id = Prefix();
        var original = new Interaction(
            $"{id}-1", $"{id}-cust", T0.AddTicks(4560), Channel.CallCentre, InteractionKind.Purchase, 1234.5678m,
            "Ça marche — merci! 👍 \"quoted\"", $"{id}-friend",
            new Dictionary<string, string> { ["campaign"] = "spring", ["emoji"] = "🎉" },
            Identities: [new(new(IdentifierType.Device, "cookie-Ω1"), false), new(new(IdentifierType.Email, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"), true)]);

        var logged = Assert.Single(await Log.AppendAsync([original]));
        Assert.False(logged.IsDuplicate);
        Assert.True(logged.Interaction.Position > 0);

        var read = Assert.Single(await Log.ReadAsync(original.CustomerId, 0, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(logged.Interaction.Position, read.Position);
        Assert.Equal(original.Timestamp, read.Timestamp);
        Assert.Equal(original.Amount, read.Amount);
        Assert.Equal(original.Text, read.Text);
        Assert.Equal(original.CounterpartyId, read.CounterpartyId);
        Assert.Equal(original.Properties, read.Properties);
        Assert.Equal(original.Identities, read.Identities);
        Assert.Equal((original.Channel, original.Kind, original.EventId), (read.Channel, read.Kind, read.EventId));
    }

    [Fact]
    public async Task AResentEventIdIsADuplicateInItsFirstLoggedForm()
    {
        var id = Prefix();
        var first = new Interaction($"{id}-e", $"{id}-c", T0, Channel.Web, InteractionKind.Purchase, 10m);
        var firstLogged = (await Log.AppendAsync([first]))[0];

        var again = await Log.AppendAsync([first with { Amount = 99m }, new Interaction($"{id}-f", $"{id}-c", T0, Channel.Web, InteractionKind.PageView)]);

        Assert.True(again[0].IsDuplicate);
        Assert.Equal(10m, again[0].Interaction.Amount);
        Assert.Equal(firstLogged.Interaction.Position, again[0].Interaction.Position);
        Assert.False(again[1].IsDuplicate);
        Assert.True(again[1].Interaction.Position > firstLogged.Interaction.Position);
    }

    [Fact]
    public async Task TheSameIdTwiceInOneBatchIsLoggedOnce()
    {
        var id = Prefix();
        var e = new Interaction($"{id}-e", $"{id}-c", T0, Channel.Web, InteractionKind.PageView);
        var logged = await Log.AppendAsync([e, e with { Kind = InteractionKind.Call }]);

        Assert.False(logged[0].IsDuplicate);
        Assert.True(logged[1].IsDuplicate);
        Assert.Equal(logged[0].Interaction.Position, logged[1].Interaction.Position);
        Assert.Single(await Log.ReadAsync($"{id}-c", 0, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ConcurrentAppendsOfTheSameIdsLogEachOnce()
    {
        var id = Prefix();
        var batch = Enumerable.Range(0, 200).Select(i => new Interaction($"{id}-{i}", $"{id}-c{i % 7}", T0.AddMinutes(i), Channel.Web, InteractionKind.PageView)).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Log.AppendAsync(batch).AsTask()));

        var firsts = results.SelectMany(r => r).Count(l => !l.IsDuplicate);
        Assert.Equal(200, firsts);
        var positions = results.SelectMany(r => r).GroupBy(l => l.Interaction.EventId).Select(g => g.Select(l => l.Interaction.Position).Distinct().Count());
        Assert.All(positions, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task ReplayReadsOneCustomerAfterAPositionInOrder()
    {
        var id = Prefix();
        var logged = await Log.AppendAsync([.. Enumerable.Range(0, 10).Select(i => new Interaction($"{id}-{i}", i % 2 == 0 ? $"{id}-even" : $"{id}-odd", T0, Channel.Web, InteractionKind.PageView))]);
        var cut = logged[4].Interaction.Position;

        var after = await Log.ReadAsync($"{id}-even", cut, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal([$"{id}-6", $"{id}-8"], after.Select(i => i.EventId));
        Assert.True(after[0].Position < after[1].Position);
    }

    [Fact]
    public async Task TheLogSurvivesAServerRestart()
    {
        var id = Prefix();
        await Log.AppendAsync([new Interaction($"{id}-e", $"{id}-c", T0, Channel.Store, InteractionKind.Purchase, 5m)]);

        await postgres.Server.StopAsync();
        await postgres.Server.RestartAsync(TestContext.Current.CancellationToken);

        var read = await Log.ReadAsync($"{id}-c", 0, TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(5m, Assert.Single(read).Amount);
    }

    [Fact]
    public async Task TheSchemaIsAppliedOnceAndRecorded()
    {
        var again = await PulseSchema.ApplyAsync(postgres.Server.ConnectionString, TestContext.Current.CancellationToken);
        Assert.Empty(again);
        Assert.Contains(100, await PulseSchema.AppliedVersionsAsync(postgres.Server.ConnectionString, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task APartitionIsReadInCommitOrderSoARowCommittedLateIsNotSkipped()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = Prefix();
        var early = $"{id}-early";
        var late = Enumerable.Range(0, 1_000).Select(i => $"{id}-late-{i}").First(c => LogPartitions.Of(c) == LogPartitions.Of(early));
        var partition = LogPartitions.Of(early);
        var cursor = await DrainAsync(partition, LogCursor.Start, ct);

        // A batch that is inserted first but commits last: its position is the lower one.
        await using var connection = await postgres.DataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var insert = new NpgsqlCommand(
            "INSERT INTO pulse_interactions (event_id, customer_id, event_time, channel, kind, partition) VALUES ($1, $2, $3, 0, 0, $4)", connection, transaction))
        {
            insert.Parameters.AddWithValue($"{early}-e");
            insert.Parameters.AddWithValue(early);
            insert.Parameters.AddWithValue(T0.UtcDateTime);
            insert.Parameters.AddWithValue((short)partition);
            await insert.ExecuteNonQueryAsync(ct);
        }

        await Log.AppendAsync([new Interaction($"{late}-e", late, T0, Channel.Web, InteractionKind.PageView)], ct);

        // The committed row waits behind the open transaction rather than being read past it.
        var blocked = await Log.ReadPartitionAsync(partition, cursor, 100, ct);
        Assert.Empty(blocked.Interactions);
        Assert.Equal(cursor, blocked.Next);

        await transaction.CommitAsync(ct);
        var page = await Log.ReadPartitionAsync(partition, cursor, 100, ct);
        Assert.Equal([$"{early}-e", $"{late}-e"], page.Interactions.Select(i => i.EventId));
        Assert.True(page.Interactions[0].Position < page.Interactions[1].Position);
        Assert.Empty((await Log.ReadPartitionAsync(partition, page.Next, 100, ct)).Interactions);
    }

    [Fact]
    public async Task PurchasesAreReadPerPartitionBeforeATime()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = Prefix();
        var buyer = $"{id}-buyer";
        var partition = LogPartitions.Of(buyer);
        await Log.AppendAsync([
            new Interaction($"{id}-1", buyer, T0, Channel.Web, InteractionKind.Purchase, 12.5m),
            new Interaction($"{id}-2", buyer, T0.AddDays(1), Channel.Store, InteractionKind.Purchase, 7m),
            new Interaction($"{id}-3", buyer, T0.AddDays(2), Channel.Web, InteractionKind.Purchase, 99m),
            new Interaction($"{id}-4", buyer, T0, Channel.Web, InteractionKind.Refund, 5m),
            new Interaction($"{id}-5", buyer, T0, Channel.Web, InteractionKind.PageView),
        ], ct);

        var read = await Log.ReadPurchasesAsync(partition, T0.AddDays(2), ct).Where(p => p.CustomerId == buyer).ToListAsync(ct);
        Assert.Equal([(T0, 12.5m), (T0.AddDays(1), 7m)], read.OrderBy(p => p.Timestamp).Select(p => (p.Timestamp, p.Amount)));
        var other = (partition + 1) % LogPartitions.Count;
        Assert.DoesNotContain(await Log.ReadPurchasesAsync(other, T0.AddDays(3), ct).ToListAsync(ct), p => p.CustomerId == buyer);
    }

    [Fact]
    public async Task ADeliveryCursorRoundTrips()
    {
        var ct = TestContext.Current.CancellationToken;
        var cursor = new LogCursor(123_456_789_012, 987_654_321);
        await Log.SaveCursorAsync(5, cursor, ct);
        Assert.Equal(cursor, await Log.LoadCursorAsync(5, ct));
        await Log.SaveCursorAsync(5, cursor with { Position = 1 }, ct);
        Assert.Equal(1, (await Log.LoadCursorAsync(5, ct)).Position);
    }

    private async Task<LogCursor> DrainAsync(int partition, LogCursor cursor, CancellationToken ct)
    {
        while (true)
        {
            var page = await Log.ReadPartitionAsync(partition, cursor, 1_000, ct);
            if (page.Interactions.Count == 0)
            {
                return cursor;
            }

            cursor = page.Next;
        }
    }

    private static string Prefix() => "pg-" + Guid.NewGuid().ToString("N")[..8];
}
