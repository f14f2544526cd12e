using System.Reflection;
using System.Text.RegularExpressions;
using Orleans.Configuration;
using Orleans.Runtime.MembershipService;
using Orleans.Storage;
using Pulse.Grains.Postgres;

namespace Pulse.Integration.Tests.Postgres;

/// <summary><see cref="PulseSchema"/> and the Orleans query keys it installs.</summary>
public sealed partial class SchemaTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private static readonly int[] AllVersions = [.. PulseSchema.Scripts.Select(script => script.Version)];

    [Fact]
    public async Task Applying_twice_applies_each_script_once_and_records_every_version()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        Assert.Empty(await PulseSchema.AppliedVersionsAsync(connectionString));
        Assert.Equal(AllVersions, await PulseSchema.ApplyAsync(connectionString));
        Assert.Empty(await PulseSchema.ApplyAsync(connectionString));
        Assert.Equal(AllVersions, await PulseSchema.AppliedVersionsAsync(connectionString));
        Assert.Equal([1, 2, 3, 4, 100, 101, 102, 103, 104, 105, 106], AllVersions);
    }

    [Fact]
    public async Task Every_script_can_run_again_over_itself()
    {
        // Beyond the version record: each script's DDL and query rows are idempotent on their own,
        // so a half-recorded or hand-run upgrade cannot break a database.
        var connectionString = await postgres.CreateSchemaDatabaseAsync();
        var before = await QueriesAsync(connectionString);

        foreach (var (_, _, sql) in PulseSchema.Scripts)
        {
            await Sql.ExecuteAsync(connectionString, sql);
        }

        Assert.Equal(before, await QueriesAsync(connectionString));
    }

    [Fact]
    public async Task Concurrent_applies_do_not_fail_and_apply_each_script_once()
    {
        var connectionString = await postgres.CreateDatabaseAsync();

        var applied = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => PulseSchema.ApplyAsync(connectionString))));

        Assert.Equal(AllVersions, applied.SelectMany(versions => versions).Order());
        Assert.Equal(AllVersions, await PulseSchema.AppliedVersionsAsync(connectionString));
    }

    [Fact]
    public async Task Every_query_key_the_Orleans_providers_read_is_installed()
    {
        var connectionString = await postgres.CreateSchemaDatabaseAsync();
        var installed = (await QueriesAsync(connectionString)).Keys.ToHashSet(StringComparer.Ordinal);

        // The clustering and reminder providers refuse to start unless every key their internal
        // DbStoredQueries exposes as a property is present: read that list from the very assemblies
        // Pulse ships, so an Orleans upgrade that adds a key fails here, by name.
        foreach (var provider in new[] { typeof(AdoNetClusteringTable).Assembly, typeof(AdoNetReminderTableOptions).Assembly })
        {
            var storedQueries = provider.GetTypes().Single(type => type.Name == "DbStoredQueries");
            var required = storedQueries.GetProperties(BindingFlags.Instance | BindingFlags.NonPublic).Select(property => property.Name).ToList();
            Assert.NotEmpty(required);
            Assert.Empty(required.Except(installed));
        }

        // Grain storage names its keys in its initialisation query.
        var storageKeys = QuotedKey().Matches(AdoNetGrainStorage.DefaultInitializationQuery).Select(match => match.Groups[1].Value).ToList();
        Assert.Equal(["WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey"], storageKeys);
        Assert.Empty(storageKeys.Except(installed));

        // Optional, looked up by name: the precise per-silo clean-up the clustering provider prefers.
        Assert.Contains("CleanupDefunctSiloEntryKey", installed);
    }

    private static async Task<Dictionary<string, string>> QueriesAsync(string connectionString)
    {
        var rows = await Sql.RowsAsync(connectionString, "SELECT QueryKey, QueryText FROM OrleansQuery");
        return rows.ToDictionary(row => (string)row[0]!, row => (string)row[1]!, StringComparer.Ordinal);
    }

    [GeneratedRegex("'(\\w+Key)'")]
    private static partial Regex QuotedKey();
}
