using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pulse.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pulse.Browser.Tests;

/// <summary>The demo as a newcomer starts it: six months of history, models fitted on it, the live feed running.</summary>
public sealed class DemoHostFixture : BrowserHostFixture
{
    protected override IEnumerable<string> Settings => ["--Pulse:Demo:Enabled=true"];

    protected override string ClusterId => "browser-demo";
}

/// <summary>
/// On a demo customer the card shows every score the system has (lifetime value with its interval,
/// P(alive), churn risk with reasons, sentiment with its sparkline, segment, influence, network value
/// and the neighbourhood drawing), and a value that moves flashes. The README's picture comes from here.
/// </summary>
public sealed partial class DemoCardTests(DemoHostFixture host) : IClassFixture<DemoHostFixture>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_demo_customer_card_shows_every_score_and_flashes_what_moves()
    {
        await WaitForModelsAsync();
        var customer = await FindCustomerWithEveryScoreAsync();

        await using var page = await host.OpenPageAsync();
        await page.GotoAsync($"/#/agent/{customer}");
        var card = page.Page.Locator("[data-testid=customer-card]");
        await Expect(card).ToBeVisibleAsync();

        // Figures, not placeholders: each panel carries a number from the models.
        foreach (var figure in new[] { "clv", "clv-interval", "p-alive", "churn-risk", "sentiment", "influence", "network-value" })
        {
            await Expect(card.Locator($"[data-testid={figure}]")).ToHaveTextAsync(Digit(), new() { Timeout = 10_000 });
        }

        await Expect(card.Locator("[data-testid=churn-reasons] li").First).ToBeVisibleAsync();
        await Expect(card.Locator("[data-testid=segment]")).ToContainTextAsync(SomeWord());
        await Expect(card.Locator("[data-testid=sentiment-sparkline] polyline")).ToBeAttachedAsync();
        await Expect(card.Locator("svg[data-testid=network-drawing] circle").Nth(1)).ToBeAttachedAsync();

        // A purchase moves the lifetime value: the figure changes on the open card and flashes.
        var before = await card.Locator("[data-testid=clv]").InnerTextAsync();
        await host.Http.PostInteractionsAsync(PulseApi.Interaction(customer, $"{customer}-browser-{Guid.NewGuid():N}", "store", "purchase", amount: 480m));
        await Expect(card.Locator("[data-testid=clv]")).Not.ToHaveTextAsync(before, new() { Timeout = 5_000 });
        await Expect(card.Locator("[data-testid=clv].flash")).ToBeAttachedAsync(new() { Timeout = 2_000 });

        await page.ScreenshotAsync("agent-card-demo");
        page.AssertNoConsoleProblems();
    }

    /// <summary>The demo writes its history, then fits lifetime value and trains churn (about 40 s on two cores).</summary>
    private async Task WaitForModelsAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            using var response = await host.Http.GetAsync("api/v1/models", Token);
            var body = await response.Content.ReadAsStringAsync(Token);
            if (response.IsSuccessStatusCode && HasVersion(body, "clv") && HasVersion(body, "churn"))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the demo's models never appeared: {body}");
            await Task.Delay(1_000, Token);
        }
    }

    private static bool HasVersion(string listing, string model) =>
        JsonNode.Parse(listing) is JsonArray models
        && models.Any(m => m?["name"]?.GetValue<string>() == model && m["version"]?.GetValue<int>() > 0);

    /// <summary>A demo customer with value, churn, sentiment, a segment and relationships (many have all five).</summary>
    private async Task<string> FindCustomerWithEveryScoreAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            for (var i = 1; i <= 300; i++)
            {
                using var response = await host.Http.GetAsync($"api/v1/customers/c-{i}", Token);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                var profile = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
                if (profile["value"]?["lifetimeValue"] is not null && profile["churn"] is not null && profile["sentiment"] is not null
                    && profile["segment"] is not null && profile["network"]?["topNeighbours"] is JsonArray { Count: > 1 })
                {
                    return $"c-{i}";
                }
            }

            await Task.Delay(2_000, Token);
        }

        throw new TimeoutException("no demo customer among c-1..c-300 had every score");
    }

    [GeneratedRegex(@"\d")]
    private static partial Regex Digit();

    [GeneratedRegex(@"\w{3,}")]
    private static partial Regex SomeWord();
}
