using System.Net;
using System.Text.Json.Nodes;
using Pulse.Browser.Tests.Infrastructure;

namespace Pulse.Browser.Tests;

/// <summary>
/// The machinery itself: the real host starts, Playwright's driver starts Debian's Chromium, a page loads
/// from the host and reads what it serves, screenshots land, and a quiet page has no console problems.
/// </summary>
[Collection(BrowserHostCollection.Name)]
public sealed class SmokeTests(BrowserHostFixture host)
{
    /// <summary>
    /// Chromium asks for /favicon.ico on every page it opens, and these are the API's own pages, which have
    /// none; the UI's pages must have one (or a data: icon), so the UI tests tolerate no such 404.
    /// </summary>
    private const string NoFavicon = "/favicon.ico";

    [Fact]
    public async Task Chromium_loads_the_hosts_OpenAPI_document_and_health()
    {
        await using var page = await host.OpenPageAsync();
        page.ExpectFailedRequest(404, NoFavicon);

        var health = await page.GotoAsync("/health/live");
        Assert.Equal((int)HttpStatusCode.OK, health!.Status);
        Assert.Equal("Healthy", JsonNode.Parse(await health.TextAsync())!["status"]!.GetValue<string>());

        var openApi = await page.GotoAsync("/openapi/v1.json");
        Assert.Equal((int)HttpStatusCode.OK, openApi!.Status);
        var text = await page.Page.InnerTextAsync("body");
        Assert.Contains("\"/api/v1/interactions\"", text, StringComparison.Ordinal);
        Assert.Contains("\"/api/v1/triggers/{id}\"", text, StringComparison.Ordinal);

        // Not one for the docs: it proves the screenshot path, and what it shows is JSON.
        await page.ScreenshotAsync("smoke-openapi", publish: false);
        var png = Path.Combine(Screenshots.OutputFolder, "smoke-openapi.png");
        Assert.True(File.Exists(png), png);
        using (var file = File.OpenRead(png))
        {
            var header = new byte[24];
            await file.ReadExactlyAsync(header, TestContext.Current.CancellationToken);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header[..4]);
            // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
            Assert.Equal(Screenshots.Width, (header[16] << 24) | (header[17] << 16) | (header[18] << 8) | header[19]);
            Assert.Equal(Screenshots.Height, (header[20] << 24) | (header[21] << 16) | (header[22] << 8) | header[23]);
        }

        page.AssertNoConsoleProblems();
    }

    [Fact]
    public async Task A_script_error_and_a_console_error_are_caught()
    {
        await using var page = await host.OpenPageAsync();
        page.ExpectFailedRequest(404, NoFavicon);
        await page.GotoAsync("/health/live");

        await page.Page.EvaluateAsync("() => { console.warn('careful'); console.error('broken'); setTimeout(() => { throw new Error('boom'); }, 0); }");
        await page.Page.WaitForFunctionAsync("() => new Promise(resolve => setTimeout(() => resolve(true), 50))");

        var problems = page.Problems.Where(p => !p.Contains(NoFavicon, StringComparison.Ordinal)).ToList();
        Assert.Contains(problems, p => p.StartsWith("console warning: careful", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("console error: broken", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("page error: ", StringComparison.Ordinal) && p.Contains("boom", StringComparison.Ordinal));
        Assert.ThrowsAny<Exception>(page.AssertNoConsoleProblems);
        Assert.True(problems.Count == 3, string.Join('\n', problems));
        await page.ScreenshotAsync("smoke-console", publish: false);
    }

    [Fact]
    public async Task A_refused_request_is_a_console_error_unless_the_test_expects_that_one()
    {
        await using var page = await host.OpenPageAsync();
        await page.GotoAsync("/health/live");

        var status = await page.Page.EvaluateAsync<int>("async () => (await fetch('/api/v1/triggers/no-such-rule')).status");
        Assert.Equal(404, status);
        await page.Page.WaitForFunctionAsync("() => new Promise(resolve => setTimeout(() => resolve(true), 50))");

        var refused = Assert.Single(page.Problems, p => !p.Contains(NoFavicon, StringComparison.Ordinal));
        Assert.StartsWith("console error: Failed to load resource: the server responded with a status of 404", refused, StringComparison.Ordinal);
        page.ExpectFailedRequest(400, "/api/v1/triggers");
        Assert.ThrowsAny<Exception>(page.AssertNoConsoleProblems);
        page.ExpectFailedRequest(404, "/api/v1/other");
        Assert.ThrowsAny<Exception>(page.AssertNoConsoleProblems);
        page.ExpectFailedRequest(404, "/api/v1/triggers/");
        page.ExpectFailedRequest(404, NoFavicon);
        page.AssertNoConsoleProblems();
        await page.ScreenshotAsync("smoke-refused", publish: false);
    }
}
