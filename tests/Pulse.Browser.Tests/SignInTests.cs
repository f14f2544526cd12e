using Microsoft.Playwright;
using Pulse.Browser.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pulse.Browser.Tests;

/// <summary>A host with access control on (the other browser tests run with it off).</summary>
public sealed class AccessOnHostFixture : BrowserHostFixture
{
    public const string AdminKey = "browser-admin-key-0123456789abcdef-0123456789";

    protected override IEnumerable<string> Settings => ["--Pulse:Demo:Enabled=false", "--Pulse:Access:Enabled=true", $"--Pulse:Access:AdminKey={AdminKey}"];

    protected override string ClusterId => "browser-access-tests";
}

/// <summary>
/// The UI's sign-in (docs/security.md): a page the API answers 401 asks for a key, refuses a wrong one in words,
/// and with the right one shows the view it was asked for, its live feed included (the key goes in the stream's query).
/// </summary>
public sealed class SignInTests(AccessOnHostFixture host) : IClassFixture<AccessOnHostFixture>
{
    [Fact]
    public async Task A_page_asks_for_a_key_refuses_a_wrong_one_and_opens_with_the_right_one()
    {
        await using var page = await host.OpenPageAsync();
        page.ExpectFailedRequest(401, "/api/v1/");

        await page.GotoAsync("/#/marketing");
        await Expect(page.Page.GetByTestId("sign-in")).ToBeVisibleAsync();

        await page.Page.GetByTestId("sign-in-key").FillAsync("pulse_000000000000_" + new string('x', 43));
        await page.Page.GetByTestId("sign-in-submit").ClickAsync();
        await Expect(page.Page.GetByTestId("sign-in-problem")).ToContainTextAsync("not accepted");

        await page.Page.GetByTestId("sign-in-key").FillAsync(AccessOnHostFixture.AdminKey);
        await page.Page.GetByTestId("sign-in-submit").ClickAsync();
        await Expect(page.Page.GetByTestId("sign-in")).ToHaveCountAsync(0);
        await Expect(page.Page.GetByTestId("trigger-feed-status")).ToContainTextAsync("live", new() { Timeout = 15_000 });
        await page.ScreenshotAsync("sign-in", publish: false);
        page.AssertNoConsoleProblems();
    }
}
