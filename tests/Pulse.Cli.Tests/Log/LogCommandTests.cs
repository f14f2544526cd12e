using System.CommandLine;
using System.Text.Json.Nodes;
using Npgsql;
using Pulse.Cli.Log;
using Pulse.Cli.Shell;
using Pulse.Cli.Tests.Fakes;
using Pulse.Contracts.Interactions;
using Pulse.Grains.InteractionLog;
using Pulse.Grains.Postgres;
using Pulse.Testing.Postgres;

namespace Pulse.Cli.Tests.Log;

public sealed class LogCommandTests
{
    private static readonly DateTimeOffset T0 = new(1997, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ExportWritesARangeInEventTimeOrderAndReplaySendsItWithItsIds()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await TemporaryPostgres.StartAsync(ct);
        await PulseSchema.ApplyAsync(server.ConnectionString, ct);
        await using (var dataSource = NpgsqlDataSource.Create(server.ConnectionString))
        {
            // Appended out of event-time order on purpose.
            await new PostgresInteractionLog(dataSource).AppendAsync(
            [
                new Interaction("e3", "a", T0.AddDays(3), Channel.Store, InteractionKind.Purchase, 30m),
                new Interaction("e1", "a", T0.AddDays(1), Channel.Web, InteractionKind.PageView),
                new Interaction("e2", "b", T0.AddDays(2), Channel.CallCentre, InteractionKind.Call, Text: "hello"),
                new Interaction("e9", "a", T0.AddDays(9), Channel.Web, InteractionKind.PageView),
            ], ct);
        }

        var file = Path.Combine(Path.GetTempPath(), $"pulse-log-{Guid.NewGuid():N}.ndjson");
        try
        {
            Assert.Equal(0, await RunAsync(null, "log", "export", "--connection", server.ConnectionString, "--from", "1997-01-01", "--to", "1997-01-05", "--out", file));
            var lines = (await File.ReadAllLinesAsync(file, ct)).Select(l => JsonNode.Parse(l)!).ToList();
            Assert.Equal(["e1", "e2", "e3"], lines.Select(l => l["interaction"]!["eventId"]!.GetValue<string>()));
            Assert.All(lines, l => Assert.True(l["position"]!.GetValue<long>() > 0));
            Assert.Equal("call-centre", lines[1]["interaction"]!["channel"]!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }

        await using var pulse = await FakePulseServer.StartAsync(ct);
        Assert.Equal(0, await RunAsync(pulse.BaseAddress, "log", "replay", "--connection", server.ConnectionString, "--from", "1997-01-01", "--to", "1997-01-05", "--customer", "a"));
        Assert.Equal(["e1", "e3"], pulse.Events.Keys.Order());
        Assert.Equal(30m, pulse.Events["e3"]["amount"]!.GetValue<decimal>());
    }

    private static Task<int> RunAsync(Uri? url, params string[] args)
    {
        var urlOption = CommonOptions.Url();
        var root = new RootCommand { urlOption, LogCommand.Create(urlOption) };
        return root.Parse(url is null ? args : [.. args, "--url", url.ToString()]).InvokeAsync();
    }
}
