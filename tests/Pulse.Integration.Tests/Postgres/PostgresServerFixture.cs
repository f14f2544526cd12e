using Pulse.Grains.Postgres;
using Pulse.Testing.Postgres;

namespace Pulse.Integration.Tests.Postgres;

/// <summary>One real PostgreSQL server per test class; every test takes a fresh database of its own.</summary>
public sealed class PostgresServerFixture : IAsyncLifetime
{
    private int _databases;

    public TemporaryPostgres Server { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await TemporaryPostgres.StartAsync();
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"pulse_test_{Interlocked.Increment(ref _databases)}";
        await Sql.ExecuteAsync(Server.ConnectionString, $"CREATE DATABASE {name}");
        return Server.ConnectionStringFor(name);
    }

    /// <summary>Creates a database with Pulse's schema applied.</summary>
    public async Task<string> CreateSchemaDatabaseAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        await PulseSchema.ApplyAsync(connectionString);
        return connectionString;
    }

    public async ValueTask DisposeAsync()
    {
        // A fast shutdown cuts pooled connections; their pools are keyed by this server's port and never reused.
        await Server.DisposeAsync();
    }
}
