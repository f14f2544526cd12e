using Npgsql;
using Pulse.Grains.Postgres;
using Pulse.Grains.Tests.InteractionLog;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Tests.Triggers;

/// <summary>The outbox contract on a real PostgreSQL with Pulse's schema; every test starts from empty tables.</summary>
public sealed class PostgresTriggerOutboxTests(PostgresFixture postgres) : TriggerOutboxTests, IClassFixture<PostgresFixture>
{
    private NpgsqlDataSource? _secondSilo;

    protected override ITriggerOutbox Outbox => new PostgresTriggerOutbox(postgres.DataSource);

    /// <summary>A second silo has its own pool.</summary>
    protected override ITriggerOutbox SecondClaimer => new PostgresTriggerOutbox(_secondSilo!);

    public override async ValueTask InitializeAsync()
    {
        _secondSilo = NpgsqlDataSource.Create(postgres.Server.ConnectionString);
        await using var command = postgres.DataSource.CreateCommand("TRUNCATE pulse_trigger_deliveries, pulse_trigger_firings RESTART IDENTITY");
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    public override async ValueTask DisposeAsync()
    {
        if (_secondSilo is not null)
        {
            await _secondSilo.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Fact]
    public void TheOutboxTablesAreASchemaScript()
    {
        Assert.Contains(PulseSchema.Scripts, s => s.Name == "0104_trigger_outbox" && s.Sql.Contains("pulse_trigger_deliveries", StringComparison.Ordinal));
    }
}
