using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Pulse.Silo;
using Pulse.Testing.Network;

namespace Pulse.Browser.Tests.Infrastructure;

/// <summary>
/// The real Pulse host in-process (Kestrel on loopback, local profile, demo feed off unless a subclass
/// turns it on) and one headless Chromium, Debian's, driven by Playwright. Each test opens its own page.
/// </summary>
public class BrowserHostFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium (tests/run-all.sh installs it); Playwright never downloads a browser here.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private WebApplication? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Where the host listens, e.g. <c>http://127.0.0.1:40321/</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The silo's Orleans port: the operator view names the silo by it.</summary>
    public int SiloPort { get; } = FreePorts.Next();

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Extra command-line settings, for fixtures that want the host otherwise.</summary>
    protected virtual IEnumerable<string> Settings => ["--Pulse:Demo:Enabled=false"];

    protected virtual string ClusterId => "browser-tests";

    public virtual async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"No Chromium at {ChromiumPath}: run tests/run-all.sh as root, or `apt-get install chromium` (docs/testing-browser.md).");
        }

        _app = PulseSiloHost.Build(
        [
            "--urls=http://127.0.0.1:0",
            .. Settings,
            $"--Pulse:Orleans:SiloPort={SiloPort}",
            $"--Pulse:Orleans:GatewayPort={FreePorts.Next()}",
            $"--Pulse:Orleans:ClusterId={ClusterId}",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First().TrimEnd('/') + "/");
        Http = new HttpClient { BaseAddress = BaseAddress };

        // A cold host and browser on two cores can take a few seconds over a page's first load; the
        // timings the tests are about (1 s, 10 s) are given explicitly where they are asserted.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // CI runs as root, where Chromium refuses to start with its sandbox.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>A fresh page (its own browser context, 1280×800) that records the console's errors and warnings.</summary>
    public Task<BrowserPage> OpenPageAsync() => BrowserPage.OpenAsync(Browser, BaseAddress);

    public virtual async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}

/// <summary>The host most browser tests share: demo feed off, so the pages show only what the tests post.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserHostCollection : ICollectionFixture<BrowserHostFixture>
{
    public const string Name = "browser host";
}
