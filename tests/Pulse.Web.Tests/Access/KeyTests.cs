using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Pulse.Silo;
using Pulse.Testing.Network;

namespace Pulse.Web.Tests.Access;

/// <summary>API keys: shown once, kept hashed, refused once revoked, everywhere within a second.</summary>
public sealed class KeyTests(AccessHost host) : IClassFixture<AccessHost>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_key_is_shown_once_and_listed_without_its_secret()
    {
        using var admin = host.Client(AccessHost.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "web feed", roles = new[] { "ingest", "agent" } }, Token);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync(Token))!;
        var key = body["key"]!.GetValue<string>();
        Assert.Matches("^pulse_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$", key);
        Assert.Equal(["ingest", "agent"], body["details"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()));

        var listing = await admin.GetStringAsync("/api/v1/keys", Token);
        Assert.Contains(body["details"]!["keyId"]!.GetValue<string>(), listing, StringComparison.Ordinal);
        Assert.DoesNotContain(key[^43..], listing, StringComparison.Ordinal);

        // Bad requests name the field.
        using var noRole = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "x", roles = new[] { "root" } }, Token);
        Assert.Equal(HttpStatusCode.BadRequest, noRole.StatusCode);
        Assert.Contains("roles[0]", await noRole.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        using var noName = await admin.PostAsJsonAsync("/api/v1/keys", new { roles = new[] { "agent" } }, Token);
        Assert.Contains("name:", await noName.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_by_another_front_end_within_a_second()
    {
        // A silo with access on, and a front-end process in front of it: the revocation is made at the silo.
        var (siloPort, gatewayPort) = (FreePorts.Next(), FreePorts.Next());
        string[] common = [$"--Pulse:Orleans:SiloPort={siloPort}", $"--Pulse:Orleans:GatewayPort={gatewayPort}", "--Pulse:Orleans:ClusterId=access-test", "--Logging:LogLevel:Default=Warning", "--Pulse:Access:Enabled=true", $"--Pulse:Access:AdminKey={AccessHost.AdminKey}"];
        await using var silo = PulseSiloHost.Build(["--urls=http://127.0.0.1:0", "--Pulse:Demo:Enabled=false", .. common]);
        await silo.StartAsync(Token);
        await using var frontEnd = PulseSiloHost.Build(["--urls=http://127.0.0.1:0", "--Pulse:Role=frontend", .. common]);
        await frontEnd.StartAsync(Token);

        using var admin = new HttpClient { BaseAddress = new Uri(silo.Urls.First()) };
        admin.DefaultRequestHeaders.Authorization = new("Bearer", AccessHost.AdminKey);
        using var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "agent j.smith", roles = new[] { "agent" } }, Token);
        var body = JsonNode.Parse(await created.Content.ReadAsStringAsync(Token))!;
        var (key, keyId) = (body["key"]!.GetValue<string>(), body["details"]!["keyId"]!.GetValue<string>());

        using var agent = new HttpClient { BaseAddress = new Uri(frontEnd.Urls.First()) };
        agent.DefaultRequestHeaders.Authorization = new("Bearer", key);

        // The front end learns of the new key by itself (it reloads when the set's version moves).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await agent.GetAsync("/api/v1/customers/nobody", Token)).StatusCode == HttpStatusCode.Unauthorized && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Token);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/api/v1/customers/nobody", Token)).StatusCode);

        using var revoked = await admin.DeleteAsync($"/api/v1/keys/{keyId}", Token);
        Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        var clock = Stopwatch.StartNew();
        while ((await agent.GetAsync("/api/v1/customers/nobody", Token)).StatusCode != HttpStatusCode.Unauthorized)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the revoked key still worked at the front end after {clock.ElapsedMilliseconds} ms");
            await Task.Delay(10, Token);
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"revocation took effect at the other front end after {clock.ElapsedMilliseconds} ms");
        await frontEnd.StopAsync(Token);
        await silo.StopAsync(Token);
    }
}
