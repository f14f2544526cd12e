using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using Pulse.Grains;
using Pulse.Grains.Hosting;

namespace Pulse.Integration.Tests.Postgres;

/// <summary>Orleans' AdoNet grain storage on Pulse's storage SQL, used directly through the silo's <see cref="IGrainStorage"/>.</summary>
public sealed class GrainStorageTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private const string StateName = "probe";
    private const string DeletingStorage = "deleting";

    [Fact]
    public async Task State_round_trips_for_every_key_shape_in_binary()
    {
        var (connectionString, cluster) = await StartAsync();
        await using var _ = cluster;
        var storage = Storage(cluster, PulseStorage.Customers);
        GrainId[] ids =
        [
            GrainId.Create("customer", "c-1"),
            GrainId.Create("customer", "c-2"),
            GrainId.Create(GrainType.Create("guidkey"), GrainIdKeyExtensions.CreateGuidKey(Guid.Parse("5f0c2ee4-8f0e-4f7a-9d43-3a1c7c6f9b11"))),
            GrainId.Create(GrainType.Create("guidkey"), GrainIdKeyExtensions.CreateGuidKey(Guid.Parse("5f0c2ee4-8f0e-4f7a-9d43-3a1c7c6f9b11"), "extension")),
            GrainId.Create(GrainType.Create("intkey"), GrainIdKeyExtensions.CreateIntegerKey(42)),
            GrainId.Create(GrainType.Create("intkey"), GrainIdKeyExtensions.CreateIntegerKey(42, "extension")),
        ];

        for (var i = 0; i < ids.Length; i++)
        {
            var state = new GrainState<ProbeState>(new ProbeState { Text = ids[i].ToString(), Count = i });
            await storage.WriteStateAsync(StateName, ids[i], state);
            Assert.Equal("1", state.ETag);
        }

        for (var i = 0; i < ids.Length; i++)
        {
            var read = new GrainState<ProbeState>(new ProbeState());
            await storage.ReadStateAsync(StateName, ids[i], read);
            Assert.Equal(new ProbeState { Text = ids[i].ToString(), Count = i }, read.State);
            Assert.Equal("1", read.ETag);
            Assert.True(read.RecordExists);
        }

        // One row per key: no two key shapes collapsed onto one row.
        Assert.Equal((long)ids.Length, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleans_storage"));
        // Orleans' binary format, not the provider's default JSON (which would start with '{').
        var payloads = await Sql.RowsAsync(connectionString, "SELECT payload_binary FROM orleans_storage");
        Assert.All(payloads, row => Assert.NotEqual((byte)'{', ((byte[])row[0]!)[0]));

        var missing = new GrainState<ProbeState>(new ProbeState { Count = -1 });
        await storage.ReadStateAsync(StateName, GrainId.Create("customer", "never-written"), missing);
        Assert.Equal((new ProbeState(), (string?)null, false), (missing.State, missing.ETag, missing.RecordExists));
    }

    [Fact]
    public async Task A_write_or_clear_with_a_stale_ETag_is_refused()
    {
        var (_, cluster) = await StartAsync();
        await using var __ = cluster;
        var storage = Storage(cluster, PulseStorage.Customers);
        var id = GrainId.Create("customer", "c-stale");

        // Two activations that both read "nothing stored": the first write wins, the second is refused.
        var first = await ReadAsync(storage, id);
        var second = await ReadAsync(storage, id);
        first.State = new ProbeState { Text = "first", Count = 1 };
        await storage.WriteStateAsync(StateName, id, first);
        second.State = new ProbeState { Text = "second", Count = 1 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, second));

        // Both at version 1; the first moves on to 2, the second's version-1 write and clear are refused.
        second = await ReadAsync(storage, id);
        first.State = new ProbeState { Text = "first", Count = 2 };
        await storage.WriteStateAsync(StateName, id, first);
        Assert.Equal("2", first.ETag);
        second.State = new ProbeState { Text = "second", Count = 2 };
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, id, second));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, id, second));

        var stored = await ReadAsync(storage, id);
        Assert.Equal((new ProbeState { Text = "first", Count = 2 }, "2"), (stored.State, stored.ETag));
    }

    [Fact]
    public async Task Concurrent_first_writes_store_exactly_one_state()
    {
        var (_, cluster) = await StartAsync();
        await using var __ = cluster;
        var storage = Storage(cluster, PulseStorage.Customers);
        var id = GrainId.Create("customer", "c-race");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            try
            {
                await storage.WriteStateAsync(StateName, id, new GrainState<ProbeState>(new ProbeState { Text = $"writer-{i}", Count = i }));
                return i;
            }
            catch (InconsistentStateException)
            {
                return -1;
            }
        })));

        var winner = Assert.Single(outcomes, outcome => outcome >= 0);
        var stored = await ReadAsync(storage, id);
        Assert.Equal((new ProbeState { Text = $"writer-{winner}", Count = winner }, "1"), (stored.State, stored.ETag));
    }

    [Fact]
    public async Task Clear_empties_the_state_and_keeps_counting_versions()
    {
        var (connectionString, cluster) = await StartAsync();
        await using var __ = cluster;
        var storage = Storage(cluster, PulseStorage.Customers);
        var id = GrainId.Create("customer", "c-clear");
        var state = new GrainState<ProbeState>(new ProbeState { Text = "kept", Count = 1 });
        await storage.WriteStateAsync(StateName, id, state);

        await storage.ClearStateAsync(StateName, id, state);
        Assert.Equal((new ProbeState(), "2", false), (state.State, state.ETag, state.RecordExists));

        var afterClear = await ReadAsync(storage, id);
        Assert.Equal((new ProbeState(), "2"), (afterClear.State, afterClear.ETag));

        // The cleared state's version is the one to write at: a stale holder of version 1 stays locked out.
        state.State = new ProbeState { Text = "again", Count = 3 };
        await storage.WriteStateAsync(StateName, id, state);
        Assert.Equal("3", state.ETag);
        Assert.Equal(new ProbeState { Text = "again", Count = 3 }, (await ReadAsync(storage, id)).State);
        Assert.Equal(1L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleans_storage"));
    }

    [Fact]
    public async Task Clear_with_DeleteStateOnClear_removes_the_row()
    {
        var (connectionString, cluster) = await StartAsync();
        await using var __ = cluster;
        var storage = Storage(cluster, DeletingStorage);
        var id = GrainId.Create("customer", "c-delete");
        var state = new GrainState<ProbeState>(new ProbeState { Text = "gone", Count = 1 });
        await storage.WriteStateAsync(StateName, id, state);

        var stale = await ReadAsync(storage, id);
        await storage.WriteStateAsync(StateName, id, state);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, id, stale));

        await storage.ClearStateAsync(StateName, id, state);
        Assert.Equal((new ProbeState(), (string?)null, false), (state.State, state.ETag, state.RecordExists));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleans_storage"));

        state.State = new ProbeState { Text = "new", Count = 1 };
        await storage.WriteStateAsync(StateName, id, state);
        Assert.Equal("1", state.ETag);
    }

    private async Task<(string ConnectionString, InProcessTestCluster Cluster)> StartAsync()
    {
        var connectionString = await postgres.CreateSchemaDatabaseAsync();
        var cluster = await PostgresCluster.StartAsync(connectionString, silos: 1, silo =>
        {
            silo.AddPulsePostgresStorage(DeletingStorage, connectionString);
            silo.Services.AddOptions<AdoNetGrainStorageOptions>(DeletingStorage).Configure(options => options.DeleteStateOnClear = true);
        });
        return (connectionString, cluster);
    }

    private static IGrainStorage Storage(InProcessTestCluster cluster, string name) =>
        cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(name);

    private static async Task<GrainState<ProbeState>> ReadAsync(IGrainStorage storage, GrainId id)
    {
        var state = new GrainState<ProbeState>(new ProbeState());
        await storage.ReadStateAsync(StateName, id, state);
        return state;
    }
}

[GenerateSerializer, Alias("Pulse.Integration.Tests.Postgres.ProbeState")]
public sealed record ProbeState
{
    [Id(0)]
    public string Text { get; init; } = "";

    [Id(1)]
    public int Count { get; init; }
}
