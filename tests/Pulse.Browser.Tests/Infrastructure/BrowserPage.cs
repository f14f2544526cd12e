using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Pulse.Browser.Tests.Infrastructure;

/// <summary>
/// One page for one test, in its own browser context with a 1280×800 viewport. It records every console
/// error and warning and every uncaught page error, which <see cref="AssertNoConsoleProblems"/> then refuses.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly ConcurrentQueue<string> _problems = new();
    private readonly List<(int Status, string Path)> _expectedFailures = [];
    private bool _screenshotTaken;

    private BrowserPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                _problems.Enqueue($"console {message.Type}: {message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => _problems.Enqueue($"page error: {error}");
    }

    public IPage Page { get; }

    /// <summary>What the page has reported so far.</summary>
    public IReadOnlyList<string> Problems => [.. _problems];

    public static async Task<BrowserPage> OpenAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = Screenshots.Width, Height = Screenshots.Height },
        });
        return new BrowserPage(context, await context.NewPageAsync());
    }

    /// <summary>Opens a path of the host (<c>/#/agent/c-1</c>, <c>/openapi/v1.json</c>).</summary>
    public async Task<IResponse?> GotoAsync(string path) => await Page.GotoAsync(path);

    /// <summary>
    /// Saves the page as <c>screenshots/{name}.png</c> in the test's bin folder and, when
    /// <c>PULSE_UPDATE_SCREENSHOTS=1</c> and <paramref name="publish"/>, as <c>docs/screenshots/{name}.png</c>.
    /// </summary>
    public async Task ScreenshotAsync(string name, bool publish = true)
    {
        var png = await Page.ScreenshotAsync();
        _screenshotTaken = true;
        await Screenshots.SaveAsync(name, png, publish);
    }

    /// <summary>
    /// Chromium logs every HTTP error answer to a page's request as a console error ("Failed to load resource:
    /// the server responded with a status of 400"). A test that makes the API refuse something on purpose
    /// names that one answer here; every other problem still fails it.
    /// </summary>
    public void ExpectFailedRequest(int status, string pathPrefix) => _expectedFailures.Add((status, pathPrefix));

    public void AssertNoConsoleProblems()
    {
        var problems = Problems.Where(p => !IsExpected(p)).ToList();
        Assert.True(problems.Count == 0, $"The page reported {problems.Count} console error(s)/warning(s):\n" + string.Join('\n', problems));
    }

    private bool IsExpected(string problem) => _expectedFailures.Any(expected =>
        problem.StartsWith($"console error: Failed to load resource: the server responded with a status of {expected.Status} ", StringComparison.Ordinal)
        && problem.Contains($" (at {new Uri(Page.Url).GetLeftPart(UriPartial.Authority)}{expected.Path}", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (!_screenshotTaken)
        {
            // The test ended before its screenshot (it failed): keep what the page showed, in bin only.
            try
            {
                var test = TestContext.Current.Test?.TestCase.TestMethod?.MethodName ?? "test";
                await Screenshots.SaveAsync($"unfinished-{test}", await Page.ScreenshotAsync(), publish: false);
            }
            catch (PlaywrightException)
            {
                // The page is gone; there is nothing to keep.
            }
        }

        await _context.CloseAsync();
    }
}
