using System.CommandLine;
using System.Text;
using System.Text.Json.Nodes;
using Pulse.Cli.Customers;
using Pulse.Cli.Import;
using Pulse.Cli.Models;
using Pulse.Cli.Shell;
using Pulse.Silo;
using Pulse.Testing.Network;
using Spectre.Console;

namespace Pulse.Cli.Tests.EndToEnd;

/// <summary>
/// The end-to-end path with the real host: <c>pulse import cdnow</c> of the whole CDNOW master
/// (69,659 purchases, 23,570 customers), <c>pulse model fit-clv</c>, then a customer's live scores, and
/// a customer who goes silent seeing P(alive) fall with no new event.
/// </summary>
/// <remarks>Import and customer write to the process console, which the test swaps: it runs alone.</remarks>
[Collection(ConsoleCollection.Name)]
public sealed class CdnowMasterEndToEndTests
{
    [Fact]
    public async Task ImportFitAndReadACustomersLifetimeValue()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = PulseSiloHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            "--Pulse:Demo:Enabled=false",
            $"--Pulse:Orleans:SiloPort={FreePorts.Next()}",
            $"--Pulse:Orleans:GatewayPort={FreePorts.Next()}",
            "--Pulse:Orleans:ClusterId=cli-e2e",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync(ct);
        var url = app.Urls.First();
        using var http = new HttpClient { BaseAddress = new Uri(url) };

        var master = Path.Combine(AppContext.BaseDirectory, "Data", "cdnow", "CDNOW_master.txt");
        var (importCode, importOutput) = await RunAsync(url, "import", "cdnow", master, "--prefix", "m-");
        Assert.True(importCode == 0, importOutput);

        var (fitCode, fitOutput) = await RunAsync(url, "model", "fit-clv", "--as-of", "1997-09-30", "--requested-by", "e2e");
        Assert.True(fitCode == 0, fitOutput);
        Assert.Contains("23,570", fitOutput, StringComparison.Ordinal);
        Assert.Contains("BG/NBD", fitOutput, StringComparison.Ordinal);
        Assert.Contains("Gamma-Gamma", fitOutput, StringComparison.Ordinal);
        var model = JsonNode.Parse(await http.GetStringAsync("/api/v1/models/clv", ct))!;
        Assert.Equal(23_570, model["customers"]!.GetValue<long>());
        var version = model["version"]!.GetValue<int>();

        // Customer 00001 of the master: several purchase days before 1997-09-30 (any will do that has scores).
        var id = "m-1";
        var atCalibration = await ValueAsync(http, id, "1997-09-30T00:00:00Z", version, ct);
        var later = await ValueAsync(http, id, "1999-09-30T00:00:00Z", version, ct);
        Assert.InRange(atCalibration["probabilityAlive"]!.GetValue<double>(), 0, 1);
        Assert.True(atCalibration["lifetimeValue"]!.GetValue<double>() > 0);
        Assert.True(atCalibration["lifetimeValueLower"]!.GetValue<double>() <= atCalibration["lifetimeValue"]!.GetValue<double>());
        Assert.True(atCalibration["lifetimeValueUpper"]!.GetValue<double>() >= atCalibration["lifetimeValue"]!.GetValue<double>());

        // The master ends on 1998-06-30: two years on, with no new event, P(alive) is lower.
        var profile = JsonNode.Parse(await http.GetStringAsync($"/api/v1/customers/{id}?asOf=1999-09-30T00:00:00Z", ct))!;
        var lastSeen = profile["lastSeen"]!.GetValue<DateTimeOffset>();
        Assert.True(lastSeen < new DateTimeOffset(1998, 7, 1, 0, 0, 0, TimeSpan.Zero));
        if (profile["rfm"]!["frequency"]!.GetValue<int>() > 0)
        {
            Assert.True(later["probabilityAlive"]!.GetValue<double>() < atCalibration["probabilityAlive"]!.GetValue<double>());
        }

        var (customerCode, customerOutput) = await RunAsync(url, "customer", id, "--as-of", "1997-09-30T00:00:00Z");
        Assert.True(customerCode == 0, customerOutput);
        Assert.Contains("lifetime value", customerOutput, StringComparison.Ordinal);
        Assert.Contains("P(alive)", customerOutput, StringComparison.Ordinal);

        await app.StopAsync(ct);
    }

    private static async Task<JsonNode> ValueAsync(HttpClient http, string id, string asOf, int version, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var response = await http.GetAsync($"/api/v1/customers/{id}?asOf={asOf}", ct);
            if (response.IsSuccessStatusCode && JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!["value"] is { } value && value["modelVersion"]!.GetValue<int>() == version)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{id} showed no scores from version {version} within 60 s");
            await Task.Delay(100, ct);
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string url, params string[] args)
    {
        var writer = new StringWriter(new StringBuilder());
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No });
        console.Profile.Width = 200;
        var urlOption = CommonOptions.Url();
        var root = new RootCommand { urlOption, ImportCommand.Create(urlOption), ModelCommand.Create(urlOption, console), CustomerCommand.Create(urlOption) };
        var previous = AnsiConsole.Console;
        AnsiConsole.Console = console;
        try
        {
            var code = await root.Parse([.. args, "--url", url]).InvokeAsync(new InvocationConfiguration { Output = writer, Error = writer });
            return (code, writer.ToString());
        }
        finally
        {
            AnsiConsole.Console = previous;
        }
    }
}
