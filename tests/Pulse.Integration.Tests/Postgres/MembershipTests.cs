using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;
using Pulse.Grains.Hosting;
using Pulse.Integration.Tests.Grains;

namespace Pulse.Integration.Tests.Postgres;

/// <summary>Orleans' AdoNet clustering provider on Pulse's membership SQL, against a real PostgreSQL.</summary>
public sealed class MembershipTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private const int Active = (int)SiloStatus.Active;
    private const int Dead = (int)SiloStatus.Dead;

    [Fact]
    public async Task Three_silos_form_a_cluster_through_the_table_and_a_stopped_silo_is_marked_dead()
    {
        var connectionString = await postgres.CreateSchemaDatabaseAsync();
        await using var cluster = await PostgresCluster.StartAsync(connectionString, silos: 3);
        var clusterId = cluster.Options.ClusterId;

        var rows = await Eventually.ReturnsAsync(
            () => StatusesAsync(connectionString, clusterId),
            statuses => statuses.Count == 3 && statuses.Values.All(status => status == Active),
            "three active silos in the membership table");
        Assert.Equal(
            cluster.Silos.Select(silo => silo.SiloAddress.Endpoint.Port).Order(),
            rows.Keys.Select(key => key.Port).Order());

        // Many grains so that placement spreads them: calls reach more than one silo through the gateways the client read from the table.
        var hosts = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => cluster.Client.GetGrain<IWhereGrain>($"where-{i}").SiloAsync()));
        Assert.True(hosts.Distinct().Count() > 1, $"all grains landed on {hosts[0]}");

        var stopped = cluster.Silos[^1];
        var stoppedKey = (stopped.SiloAddress.Endpoint.Port, stopped.SiloAddress.Generation);
        await cluster.StopSiloAsync(stopped);

        var after = await Eventually.ReturnsAsync(
            () => StatusesAsync(connectionString, clusterId),
            statuses => statuses[stoppedKey] == Dead,
            "the stopped silo marked dead");
        Assert.Equal(2, after.Values.Count(status => status == Active));
        Assert.NotEmpty(await cluster.Client.GetGrain<IWhereGrain>("after-stop").SiloAsync());
    }

    [Fact]
    public async Task The_table_accepts_a_change_only_at_the_version_it_was_read_at()
    {
        var connectionString = await postgres.CreateSchemaDatabaseAsync();
        var table = CreateTable(connectionString, "versions");
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);

        var empty = await table.ReadAllAsync();
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var silo = Entry(SiloAddress.New(IPAddress.Loopback, 30001, 7), SiloStatus.Joining, Now());
        Assert.True(await table.InsertRowAsync(silo, empty.Version.Next()));
        Assert.False(await table.InsertRowAsync(Entry(SiloAddress.New(IPAddress.Loopback, 30002, 7), SiloStatus.Joining, Now()), empty.Version.Next()));

        var one = await table.ReadAllAsync();
        Assert.Equal(1, one.Version.Version);
        var (stored, etag) = Assert.Single(one.Members);
        Assert.Equal(silo.SiloAddress, stored.SiloAddress);
        Assert.Equal((silo.SiloName, silo.HostName, silo.Status, silo.ProxyPort), (stored.SiloName, stored.HostName, stored.Status, stored.ProxyPort));
        Assert.Equal(silo.StartTime, stored.StartTime);
        Assert.Equal(silo.IAmAliveTime, stored.IAmAliveTime);

        var suspect = SiloAddress.New(IPAddress.Loopback, 30003, 9);
        silo.Status = SiloStatus.Active;
        silo.SuspectTimes = [Tuple.Create(suspect, new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc))];
        Assert.True(await table.UpdateRowAsync(silo, etag, one.Version.Next()));
        Assert.False(await table.UpdateRowAsync(silo, etag, one.Version.Next()));

        var updated = Assert.Single((await table.ReadRowAsync(silo.SiloAddress)).Members).Item1;
        Assert.Equal(SiloStatus.Active, updated.Status);
        Assert.Equal(suspect, Assert.Single(updated.SuspectTimes!).Item1);

        // The heartbeat moves the liveness time without bumping the version.
        silo.IAmAliveTime = Now().AddSeconds(10);
        await table.UpdateIAmAliveAsync(silo);
        var beat = await table.ReadRowAsync(silo.SiloAddress);
        Assert.Equal(2, beat.Version.Version);
        Assert.Equal(silo.IAmAliveTime, Assert.Single(beat.Members).Item1.IAmAliveTime);

        var absent = await table.ReadRowAsync(SiloAddress.New(IPAddress.Loopback, 39999, 1));
        Assert.Empty(absent.Members);
        Assert.Equal(2, absent.Version.Version);

        var gateways = CreateGateways(connectionString, "versions");
        await gateways.InitializeGatewayListProviderAsync();
        var gateway = Assert.Single(await gateways.GetGatewaysAsync());
        Assert.Equal(SiloAddress.New(IPAddress.Loopback, silo.ProxyPort, silo.SiloAddress.Generation).ToGatewayUri(), gateway);
    }

    [Fact]
    public async Task Defunct_dead_silos_are_cleaned_up_and_a_cluster_can_be_deleted()
    {
        var connectionString = await postgres.CreateSchemaDatabaseAsync();
        var table = CreateTable(connectionString, "cleanup");
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        var longAgo = Now().AddHours(-2);
        var dead = Entry(SiloAddress.New(IPAddress.Loopback, 31001, 1), SiloStatus.Dead, longAgo);
        var alive = Entry(SiloAddress.New(IPAddress.Loopback, 31002, 1), SiloStatus.Active, longAgo);
        var recentlyDead = Entry(SiloAddress.New(IPAddress.Loopback, 31003, 1), SiloStatus.Dead, Now());
        foreach (var entry in new[] { dead, alive, recentlyDead })
        {
            Assert.True(await table.InsertRowAsync(entry, (await table.ReadAllAsync()).Version.Next()));
        }

        // With CleanupDefunctSiloEntryKey present Orleans matches each dead row by the values it read.
        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddHours(-1));
        Assert.Equal([31002, 31003], await PortsAsync(connectionString, "cleanup"));

        // Without it, the bulk CleanupDefunctSiloEntriesKey does the same by the cut-off alone.
        await Sql.ExecuteAsync(connectionString, "DELETE FROM OrleansQuery WHERE QueryKey = 'CleanupDefunctSiloEntryKey'");
        var bulk = CreateTable(connectionString, "cleanup");
        await bulk.InitializeMembershipTableAsync(tryInitTableVersion: true);
        await bulk.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Equal([31002], await PortsAsync(connectionString, "cleanup"));

        await table.DeleteMembershipTableEntriesAsync("cleanup");
        Assert.Empty(await PortsAsync(connectionString, "cleanup"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleans_membership_version"));
    }

    private static AdoNetClusteringTable CreateTable(string connectionString, string clusterId) => new(
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "pulse-tests" }),
        Options.Create(new AdoNetClusteringSiloOptions { Invariant = PulsePostgresSiloBuilderExtensions.Invariant, ConnectionString = connectionString }),
        NullLogger<AdoNetClusteringTable>.Instance);

    private static AdoNetGatewayListProvider CreateGateways(string connectionString, string clusterId) => new(
        NullLogger<AdoNetGatewayListProvider>.Instance,
        new ServiceCollection().BuildServiceProvider(),
        Options.Create(new AdoNetClusteringClientOptions { Invariant = PulsePostgresSiloBuilderExtensions.Invariant, ConnectionString = connectionString }),
        Options.Create(new GatewayOptions()),
        Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "pulse-tests" }));

    private static MembershipEntry Entry(SiloAddress address, SiloStatus status, DateTime time) => new()
    {
        SiloAddress = address,
        SiloName = $"silo-{address.Endpoint.Port}",
        HostName = "pulse-host",
        Status = status,
        ProxyPort = address.Endpoint.Port + 1000,
        StartTime = time,
        IAmAliveTime = time,
    };

    // PostgreSQL keeps microseconds; whole milliseconds compare exactly after a round trip.
    private static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private static async Task<Dictionary<(int Port, int Generation), int>> StatusesAsync(string connectionString, string clusterId)
    {
        var rows = await Sql.RowsAsync(connectionString, "SELECT port, generation, status FROM orleans_membership WHERE deployment_id = $1", clusterId);
        return rows.ToDictionary(row => ((int)row[0]!, (int)row[1]!), row => (int)row[2]!);
    }

    private static async Task<List<int>> PortsAsync(string connectionString, string clusterId)
    {
        var rows = await Sql.RowsAsync(connectionString, "SELECT port FROM orleans_membership WHERE deployment_id = $1 ORDER BY port", clusterId);
        return [.. rows.Select(row => (int)row[0]!)];
    }
}
