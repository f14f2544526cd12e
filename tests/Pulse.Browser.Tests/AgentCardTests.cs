using System.Diagnostics;
using Microsoft.Playwright;
using Pulse.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pulse.Browser.Tests;

/// <summary>The support agent's customer card (<c>#/agent/{customerId}</c>) follows the customer live, without reloading.</summary>
[Collection(BrowserHostCollection.Name)]
public sealed class AgentCardTests(BrowserHostFixture host)
{
    private const string Customer = "browser-a1";

    [Fact]
    public async Task A_new_interaction_appears_on_the_open_card_within_a_second_without_a_reload()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await host.Http.PostInteractionsAsync(PulseApi.Interaction(Customer, $"{Customer}-{run}-1", "web", "page-view"));
        await host.Http.WaitForCustomerAsync(Customer, 1);

        await using var page = await host.OpenPageAsync();
        await page.GotoAsync($"/#/agent/{Customer}");
        await Expect(page.Page.Locator("[data-testid=customer-card]")).ToBeVisibleAsync();
        await Expect(page.Page.Locator($"[data-testid=timeline] [data-event-id=\"{Customer}-{run}-1\"]")).ToBeAttachedAsync();
        await page.Page.EvaluateAsync("() => { window.__noReload = 1; }");

        // The wait starts before the POST, so its 1,000 ms count from the POST, delivery to paint included.
        var purchase = $"{Customer}-{run}-2";
        var painted = page.Page.Locator($"[data-testid=timeline] [data-event-id=\"{purchase}\"]")
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 1_000 });
        var clock = Stopwatch.StartNew();
        await host.Http.PostInteractionsAsync(PulseApi.Interaction(Customer, purchase, "store", "purchase", amount: 42.50m));
        await painted;
        var elapsed = clock.Elapsed;

        Assert.True(elapsed <= TimeSpan.FromSeconds(1), $"the purchase showed {elapsed.TotalMilliseconds:F0} ms after the POST began");
        Assert.Equal(1, await page.Page.EvaluateAsync<int?>("() => window.__noReload ?? null"));
        await Expect(page.Page.Locator("[data-testid=timeline] [data-event-id]")).ToHaveCountAsync(2);

        await page.ScreenshotAsync("agent-card");
        page.AssertNoConsoleProblems();
    }
}
