using Pulse.Cli.Import;
using Pulse.Cli.Tests.Fakes;

namespace Pulse.Cli.Tests.Import;

public sealed class ImportAttributesCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("pulse-import-attributes-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_crm_export_is_posted_as_profile_updates_and_a_later_import_is_sent_again_so_it_wins()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        var csv = await WriteAsync("telco.csv", "customerID,gender,Contract,phone,Churn\n7590-VHVEG,Female,Month-to-month,555,No\n5575-GNVDE,Male,One year,556,Yes\n3668-QPYBK,Male,Month-to-month,557,Yes\n");

        var (code, output) = await RunAsync(server, csv, "--id-column", "customerID", "--exclude", "phone", "--batch", "2");

        Assert.True(code == 0, output);
        Assert.Equal([2, 1], server.Batches.Select(b => b.Count));
        var sent = server.Events.Values.Single(e => e["customerId"]!.GetValue<string>() == "5575-GNVDE");
        Assert.Equal("profile-update", sent["kind"]!.GetValue<string>());
        Assert.Equal("web", sent["channel"]!.GetValue<string>());
        Assert.Equal(["Churn", "Contract", "gender"], sent["properties"]!.AsObject().Select(p => p.Key));
        Assert.Equal("One year", sent["properties"]!["Contract"]!.GetValue<string>());
        Assert.Single(server.Batches.SelectMany(b => b).Select(e => e!["timestamp"]!.GetValue<string>()).Distinct());
        Assert.Matches(@"rows read\s+│\s+3", output);
        Assert.Matches(@"accepted\s+│\s+3", output);

        var ids = server.Events.Keys.Order(StringComparer.Ordinal).ToList();
        await Task.Delay(5, Token); // Another moment: another import.
        var (again, secondOutput) = await RunAsync(server, csv, "--id-column", "customerID", "--exclude", "phone");

        // Same values, new events: the latest import is applied last, whatever came between.
        Assert.True(again == 0, secondOutput);
        Assert.Equal(6, server.Events.Count);
        Assert.Matches(@"accepted\s+│\s+3", secondOutput);
    }

    [Fact]
    public async Task Rows_without_an_id_are_skipped_and_reported_with_their_line()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        var csv = await WriteAsync("crm.csv", "id,plan\nc1,gold\n,silver\nc3,bronze\n");

        var (code, output) = await RunAsync(server, csv, "--id-column", "id");

        Assert.Equal(1, code);
        Assert.Equal(["c1", "c3"], server.Events.Values.Select(e => e["customerId"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Matches(@"rows skipped \(not sent\)\s+│\s+1", output);
        Assert.Matches(@"3\s+id\s+the customer id is empty: row skipped", output);
    }

    [Fact]
    public async Task Server_rejections_are_reported_with_their_reasons()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        server.RejectKind = "profile-update";
        var csv = await WriteAsync("crm.csv", "id,plan\nc1,gold\n");

        var (code, output) = await RunAsync(server, csv, "--id-column", "id");

        Assert.Equal(1, code);
        Assert.Matches(@"rejected\s+│\s+1", output);
        Assert.Matches(@"2\s+kind\s+not allowed here", output);
    }

    [Fact]
    public async Task A_missing_id_column_fails_naming_the_file_and_the_column()
    {
        await using var server = await FakePulseServer.StartAsync(Token);
        var csv = await WriteAsync("crm.csv", "id,plan\nc1,gold\n");

        var (code, output) = await RunAsync(server, csv, "--id-column", "customer");

        Assert.Equal(1, code);
        Assert.Contains("error: crm.csv: --id-column customer: no such column; the header has 'id', 'plan'.", output, StringComparison.Ordinal);
        Assert.Equal(0, server.Posts);
    }

    private async Task<string> WriteAsync(string name, string text)
    {
        var path = Path.Combine(_directory, name);
        await File.WriteAllTextAsync(path, text, Token);
        return path;
    }

    private static Task<(int Code, string Output)> RunAsync(FakePulseServer server, params string[] args) =>
        CommandHarness.RunAsync((url, console) => ImportAttributesCommand.Create(url, console), ["import-attributes", .. args, "--url", server.BaseAddress.ToString()]);
}
