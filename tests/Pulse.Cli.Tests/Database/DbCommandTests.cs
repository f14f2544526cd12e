using System.CommandLine;
using Npgsql;
using Pulse.Cli.Database;
using Pulse.Grains.Postgres;
using Pulse.Testing.Postgres;

namespace Pulse.Cli.Tests.Database;

public sealed class DbCommandTests
{
    [Fact]
    public async Task InitCreatesTheSchemaOnceAndStatusReportsIt()
    {
        await using var server = await TemporaryPostgres.StartAsync(TestContext.Current.CancellationToken);
        var cs = server.ConnectionString;

        Assert.Equal(1, await RunAsync("status", "--connection", cs));
        Assert.Equal(0, await RunAsync("init", "--connection", cs));
        Assert.Equal(0, await RunAsync("init", "--connection", cs));
        Assert.Equal(0, await RunAsync("status", "--connection", cs));

        Assert.Equal(PulseSchema.Scripts.Select(s => s.Version), await PulseSchema.AppliedVersionsAsync(cs, TestContext.Current.CancellationToken));
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT to_regclass('pulse_interactions') IS NOT NULL", connection);
        Assert.True((bool)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!);
    }

    [Fact]
    public async Task InitWithoutAConnectionStringFailsClearly()
    {
        Environment.SetEnvironmentVariable("PULSE_DB", null);
        Assert.Equal(1, await RunAsync("init"));
    }

    private static Task<int> RunAsync(params string[] args) => DbCommand.Create().Parse(args).InvokeAsync();
}
