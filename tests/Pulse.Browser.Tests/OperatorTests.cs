using System.Text.RegularExpressions;
using Pulse.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pulse.Browser.Tests;

/// <summary>The operator view (<c>#/operator</c>): the cluster's silos and the event rate.</summary>
[Collection(BrowserHostCollection.Name)]
public sealed partial class OperatorTests(BrowserHostFixture host)
{
    [Fact]
    public async Task The_operator_view_lists_the_one_silo_and_shows_events_per_second()
    {
        // The cluster as the API sees it: one silo, on the fixture's port (Orleans writes S127.0.0.1:port:generation).
        var cluster = await host.Http.GetJsonAsync("api/v1/cluster");
        var silo = Assert.Single(cluster["silos"]!.AsArray())!;
        var endpoint = $"127.0.0.1:{host.SiloPort}";
        Assert.Contains(endpoint, silo["address"]!.GetValue<string>(), StringComparison.Ordinal);

        await using var page = await host.OpenPageAsync();
        await page.GotoAsync("/#/operator");

        var silos = page.Page.Locator("[data-testid=silos]");
        await Expect(silos).ToBeVisibleAsync();
        await Expect(silos).ToContainTextAsync(endpoint);
        var text = await silos.InnerTextAsync();
        Assert.True(Regex.Count(text, Regex.Escape(endpoint)) == 1, $"the silo should be listed once:\n{text}");

        var rate = page.Page.Locator("[data-testid=events-per-second]");
        await Expect(rate).ToBeVisibleAsync();
        await Expect(rate).ToHaveTextAsync(Digit());

        await page.ScreenshotAsync("operator");
        page.AssertNoConsoleProblems();
    }

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();
}
