using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pulse.Silo;

namespace Pulse.Web.Tests.Access;

/// <summary>
/// Logs and metrics never carry personal data (docs/security.md): a host logging at every level takes events whose
/// identifiers, text and attributes hold an email, a phone number and a name, is read, merged and audited, and
/// then neither its log (every line at every level, with its structured values), its metrics scrape nor its audit
/// trail contains any of them. ASP.NET's per-request logging is the exception Pulse makes (it stays at warnings).
/// </summary>
public sealed class NoPersonalDataInTelemetryTests
{
    [Fact]
    public async Task An_email_a_phone_number_and_a_name_appear_in_no_log_line_and_no_metric()
    {
        var token = TestContext.Current.CancellationToken;
        var log = new CapturedLog();
        var (email, phone, name) = ($"grace.hopper.{Guid.NewGuid():N}@example.com", "+44 20 7946 0958", "Grace Brewster Hopper");
        await using var app = PulseSiloHost.Build(
            [
                "--urls=http://127.0.0.1:0", "--Pulse:Demo:Enabled=false", "--Pulse:Orleans:ClusterId=pii-test",
                "--Logging:LogLevel:Default=Trace", "--Logging:LogLevel:Microsoft.AspNetCore=Trace", "--Logging:LogLevel:Orleans=Trace",
            ],
            builder => builder.Logging.AddProvider(log));
        await app.StartAsync(token);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var (a, b) = (IngestEndpointTests.NewId(), IngestEndpointTests.NewId());
        var first = IngestEndpointTests.Item(a, "1", DateTimeOffset.UtcNow.AddMinutes(-2), "call-centre", "complaint", text: $"This is {name}, call me on {phone} or write to {email}.");
        first["identities"] = new JsonArray(new JsonObject { ["type"] = "email", ["value"] = email, ["verified"] = true }, new JsonObject { ["type"] = "phone", ["value"] = phone });
        var second = IngestEndpointTests.Item(b, "1", DateTimeOffset.UtcNow.AddMinutes(-1), "web", "profile-update");
        second["properties"] = new JsonObject { ["name"] = name, ["email"] = email };
        second["identities"] = new JsonArray(new JsonObject { ["type"] = "email", ["value"] = email, ["verified"] = true });
        using (var posted = await http.PostAsync("/api/v1/interactions", new StringContent(new JsonArray(first, second).ToJsonString(), Encoding.UTF8, "application/json"), token))
        {
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        }

        // The verified email joins the two (whichever claimed it first survives); then the customer is read as an agent would.
        var owner = await http.EventuallyAsync($"/api/v1/identities/email/{Uri.EscapeDataString(email)}", o => o["currentCustomerId"]!.GetValue<string>() is { } current && current != o["customerId"]!.GetValue<string>() || o["customerId"]!.GetValue<string>() is { } c && (c == a || c == b), TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50), token);
        var survivor = owner["customerId"]!.GetValue<string>();
        await http.EventuallyAsync($"/api/v1/customers/{survivor}", p => p["interactionCount"]!.GetValue<long>() == 2, TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50), token);
        await http.GetStringAsync($"/api/v1/customers/{survivor}/interactions", token);
        var metrics = await http.GetStringAsync("/metrics", token);
        var audit = await http.GetStringAsync("/api/v1/audit?limit=1000", token);
        await app.StopAsync(token);

        var lines = log.Lines;
        Assert.True(lines.Count > 100, $"only {lines.Count} log lines: the host did not log at every level");
        foreach (var secret in new[] { email, "grace.hopper", phone, "7946 0958", "79460958", name, "Hopper" })
        {
            var leaks = lines.Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)).Take(3).ToList();
            Assert.True(leaks.Count == 0, $"'{secret}' in the log:\n{string.Join('\n', leaks)}");
            Assert.DoesNotContain(secret, metrics, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, audit, StringComparison.OrdinalIgnoreCase);
        }
    }
}
