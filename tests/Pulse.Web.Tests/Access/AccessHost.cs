using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Pulse.Silo;

namespace Pulse.Web.Tests.Access;

/// <summary>A silo host with access control on (the feature tests run with it off), and a key of each role.</summary>
public class AccessHost : IAsyncLifetime
{
    /// <summary>The configured admin key: what a cluster's secret would hold.</summary>
    public const string AdminKey = "test-admin-key-0123456789abcdef-0123456789abcdef";

    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A stored key per role, made through the API by the admin.</summary>
    public Dictionary<string, string> Keys { get; } = [];

    public WebApplication App => _app!;

    /// <summary>More settings, for a host that wants them.</summary>
    protected virtual IEnumerable<string> Settings => [];

    public virtual async ValueTask InitializeAsync()
    {
        _app = PulseSiloHost.Build(["--urls=http://127.0.0.1:0", "--Pulse:Demo:Enabled=false", "--Pulse:Access:Enabled=true", $"--Pulse:Access:AdminKey={AdminKey}", "--Logging:LogLevel:Default=Warning", .. Settings]);
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        using var admin = Client(AdminKey);
        foreach (var role in new[] { "ingest", "agent", "marketer", "admin" })
        {
            using var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = $"{role} test key", roles = new[] { role } });
            created.EnsureSuccessStatusCode();
            Keys[role] = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["key"]!.GetValue<string>();
        }
    }

    /// <summary>A client that sends <paramref name="key"/> (none when null).</summary>
    public HttpClient Client(string? key)
    {
        var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return http;
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
