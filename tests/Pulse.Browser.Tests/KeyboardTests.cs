using Microsoft.Playwright;
using Pulse.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pulse.Browser.Tests;

/// <summary>An agent on a call works from the keyboard: skip link, search, card, and the other views, without a mouse.</summary>
[Collection(BrowserHostCollection.Name)]
public sealed class KeyboardTests(BrowserHostFixture host)
{
    [Fact]
    public async Task The_agent_reaches_a_card_and_the_other_views_with_the_keyboard_alone()
    {
        var customer = "browser-k-" + Guid.NewGuid().ToString("N")[..6];
        await host.Http.PostInteractionsAsync(PulseApi.Interaction(customer, $"{customer}-1", "call-centre", "call"));
        await host.Http.WaitForCustomerAsync(customer, 1);

        await using var page = await host.OpenPageAsync();
        await page.GotoAsync("/#/agent");
        await Expect(page.Page.Locator("[data-testid=customer-search]")).ToBeVisibleAsync();

        // The first Tab lands on the skip link, which is visible when focused.
        await page.Page.Keyboard.PressAsync("Tab");
        var skip = page.Page.Locator(".skip-link");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeVisibleAsync();

        // Tab on until the search box has the focus (a handful of stops: the nav links first), type, Enter.
        var search = page.Page.Locator("[data-testid=customer-search]");
        for (var stops = 0; stops < 10 && !await search.EvaluateAsync<bool>("e => e === document.activeElement"); stops++)
        {
            await page.Page.Keyboard.PressAsync("Tab");
        }

        await Expect(search).ToBeFocusedAsync();
        await page.Page.Keyboard.TypeAsync(customer);
        await page.Page.Keyboard.PressAsync("Enter");
        await Expect(page.Page.Locator($"[data-testid=customer-card][data-customer-id=\"{customer}\"]")).ToBeVisibleAsync();
        await Expect(page.Page.Locator($"[data-testid=timeline] [data-event-id=\"{customer}-1\"]")).ToBeAttachedAsync();

        // The navigation is made of real links: focus one and press Enter.
        await page.Page.Locator("[data-testid=nav-marketing]").FocusAsync();
        await page.Page.Keyboard.PressAsync("Enter");
        await Expect(page.Page.Locator("[data-testid=rule-editor]")).ToBeVisibleAsync();
        await Expect(page.Page.Locator("[data-testid=nav-marketing]")).ToHaveAttributeAsync("aria-current", "page");

        page.AssertNoConsoleProblems();
    }
}
