using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Pulse.Integration.Tests.Grains;

namespace Pulse.Integration.Tests.Postgres;

/// <summary>Orleans' AdoNet reminder table on Pulse's reminder SQL.</summary>
public sealed class ReminderTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    [Fact]
    public async Task A_reminder_fires_is_listed_and_unregisters()
    {
        var (connectionString, cluster) = await StartAsync();
        await using var _ = cluster;
        var grain = cluster.Client.GetGrain<IReminderProbeGrain>("probe");

        await grain.RegisterAsync("tick", dueTime: TimeSpan.FromMilliseconds(100), period: TimeSpan.FromSeconds(1));

        Assert.Equal(["tick"], await grain.ReminderNamesAsync());
        var row = Assert.Single(await Sql.RowsAsync(connectionString, "SELECT grain_id, reminder_name, period FROM orleans_reminders"));
        Assert.Equal([grain.GetGrainId().ToString(), "tick", 1000L], row);
        await Eventually.ReturnsAsync(() => grain.TicksAsync("tick"), ticks => ticks >= 2, "two ticks of a one-second reminder");

        await grain.UnregisterAsync("tick");
        Assert.Empty(await grain.ReminderNamesAsync());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleans_reminders"));
    }

    [Fact]
    public async Task The_table_reads_ring_ranges_and_refuses_a_stale_ETag()
    {
        var (_, cluster) = await StartAsync();
        await using var __ = cluster;
        var table = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredService<IReminderTable>();
        var grains = Enumerable.Range(0, 64).Select(i => GrainId.Create("ringprobe", $"g-{i}")).ToList();
        // Far in the future: these rows are for the table, the silo's reminder service must not fire them.
        var startAt = DateTime.UtcNow.AddDays(1);
        foreach (var grain in grains)
        {
            await table.UpsertRow(new ReminderEntry { GrainId = grain, ReminderName = "r", StartAt = startAt, Period = TimeSpan.FromMinutes(5) });
        }

        // Ranges that wrap in neither, one or both of the unsigned and the signed order, and the whole ring.
        (uint Begin, uint End)[] ranges =
        [
            (0x1000_0000, 0x6000_0000),
            (0x6000_0000, 0xA000_0000),
            (0xA000_0000, 0xF000_0000),
            (0xC000_0000, 0x4000_0000),
            (0x4000_0000, 0x2000_0000),
            (0x5555_5555, 0x5555_5555),
        ];
        foreach (var (begin, end) in ranges)
        {
            var read = await table.ReadRows(begin, end);
            var expected = grains.Where(grain => InRange(grain.GetUniformHashCode(), begin, end)).Select(grain => grain.ToString()).Order(StringComparer.Ordinal);
            Assert.Equal(expected, read.Reminders.Select(reminder => reminder.GrainId.ToString()).Order(StringComparer.Ordinal));
        }

        var one = grains[0];
        var entry = await table.ReadRow(one, "r") ?? throw new InvalidOperationException("the upserted reminder is missing");
        Assert.Equal((startAt.Ticks / TimeSpan.TicksPerMillisecond, TimeSpan.FromMinutes(5)), (entry.StartAt.Ticks / TimeSpan.TicksPerMillisecond, entry.Period));
        var etag = await table.UpsertRow(new ReminderEntry { GrainId = one, ReminderName = "r", StartAt = startAt, Period = TimeSpan.FromMinutes(6) });
        Assert.NotEqual(entry.ETag, etag);
        Assert.False(await table.RemoveRow(one, "r", entry.ETag!));
        Assert.True(await table.RemoveRow(one, "r", etag!));
        Assert.Null(await table.ReadRow(one, "r"));
        Assert.Equal(grains.Count - 1, (await table.ReadRows(0x5555_5555, 0x5555_5555)).Reminders.Count);
    }

    // Orleans' ring ranges exclude their begin and include their end; begin == end is the whole ring.
    private static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private async Task<(string ConnectionString, InProcessTestCluster Cluster)> StartAsync()
    {
        var connectionString = await postgres.CreateSchemaDatabaseAsync();
        // Orleans refuses reminder periods under a minute by default; a test cannot wait that long.
        var cluster = await PostgresCluster.StartAsync(connectionString, silos: 1, silo =>
            silo.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1)));
        return (connectionString, cluster);
    }
}
