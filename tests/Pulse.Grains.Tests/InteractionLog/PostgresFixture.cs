using Npgsql;
using Pulse.Grains.Postgres;
using Pulse.Testing.Postgres;

namespace Pulse.Grains.Tests.InteractionLog;

/// <summary>A real PostgreSQL with Pulse's schema applied, for the tests of one class.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public TemporaryPostgres Server { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Server = await TemporaryPostgres.StartAsync();
        await PulseSchema.ApplyAsync(Server.ConnectionString);
        DataSource = NpgsqlDataSource.Create(Server.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await Server.DisposeAsync();
    }
}
