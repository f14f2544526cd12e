using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Pulse.Web.Tests.Access;

/// <summary>A host with access on and no rate limit: the fuzz test's thousands of requests must each reach their endpoint.</summary>
public sealed class UnlimitedAccessHost : AccessHost
{
    protected override IEnumerable<string> Settings => ["--Pulse:Access:RequestsPerSecond=0"];
}

/// <summary>
/// Hostile input at every API endpoint (docs/security.md): malformed, oversized, deeply nested, NaN and Infinity,
/// invalid UTF-8 and unicode-tricky bodies, paths and queries, with an admin key so that nothing stops at the door.
/// Every answer must be a 4xx or a success, never a 5xx, and the silo must be healthy and working afterwards.
/// </summary>
public sealed class HostileInputTests(UnlimitedAccessHost host) : IClassFixture<UnlimitedAccessHost>
{
    private static readonly string[] Ids =
    [
        new string('a', 10_000), "..%2F..%2Fetc%2Fpasswd", "%00", "%E2%80%AE%E2%80%8Bevil", "%F0%9F%92%A5", "%ED%A0%80", "%C3%28", " ", "%25",
    ];

    private static readonly string[] Queries =
    [
        "?asOf=yesterday", "?asOf=9999-99-99T00:00:00Z", "?top=-1", "?top=99999999999", "?limit=NaN", "?limit=1e400", "?after=%00", "?before=%FF",
        "?k=0&sample=-5", "?maxK=2147483648", "?" + new string('x', 8_000) + "=1",
    ];

    [Fact]
    public async Task Every_endpoint_answers_hostile_input_with_a_4xx_never_a_5xx_and_the_silo_stays_healthy()
    {
        var token = TestContext.Current.CancellationToken;
        using var admin = host.Client(AccessHost.AdminKey);
        var (tried, closedEarly) = (0, 0);
        var failures = new List<string>();
        foreach (var (method, pattern) in RoleBoundaryTests.Allowed.Keys)
        {
            var paths = new List<string> { Concrete(pattern, "fuzz-1") };
            if (pattern.Contains('{', StringComparison.Ordinal))
            {
                paths.AddRange(Ids.Select(id => Concrete(pattern, id)));
            }

            foreach (var path in paths)
            {
                foreach (var query in method == "GET" ? ["", .. Queries] : new[] { "" })
                {
                    foreach (var content in method is "POST" or "PUT" ? Bodies() : [null])
                    {
                        tried++;
                        var status = await SendAsync(admin, method, path + query, content, token);
                        closedEarly += status == 0 ? 1 : 0;
                        if (status is >= 500 or 429)
                        {
                            failures.Add($"{status} from {method} {Shorten(path + query)} with {Describe(content)}");
                        }
                    }
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{tried} hostile requests, {failures.Count} answered 5xx, {closedEarly} refused before their body was read");
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(30)));
        Assert.True(tried > 1_000, $"only {tried} inputs tried");

        // Healthy, and still doing its work.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/health/ready", token)).StatusCode);
        var id = IngestEndpointTests.NewId();
        var ingest = await admin.PostAsync("/api/v1/interactions", new StringContent(new JsonArray(IngestEndpointTests.Item(id, "1", DateTimeOffset.UtcNow, "web", "purchase", amount: 5m)).ToJsonString(), Encoding.UTF8, "application/json"), token);
        Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        await admin.EventuallyAsync($"/api/v1/customers/{id}", p => p["interactionCount"]!.GetValue<long>() == 1, TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50), token);
    }

    /// <summary>The bodies thrown at every POST and PUT: (label, bytes, media type).</summary>
    private static IEnumerable<(string Label, byte[] Bytes, string MediaType)?> Bodies()
    {
        static (string, byte[], string)? Json(string label, string text) => (label, Encoding.UTF8.GetBytes(text), "application/json");
        yield return Json("empty", "");
        yield return Json("malformed", "{\"a\":");
        yield return Json("unclosed array", "[");
        yield return Json("null", "null");
        yield return Json("a number", "42");
        yield return Json("an array of nulls", "[null,null]");
        yield return Json("nested 100,000 deep", new string('[', 100_000) + new string(']', 100_000));
        yield return Json("nested objects 5,000 deep", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000));
        yield return Json("NaN and Infinity", "{\"amount\":NaN,\"weight\":Infinity,\"n\":-Infinity}");
        yield return Json("numbers out of range", "[{\"eventId\":\"e\",\"customerId\":\"c\",\"timestamp\":\"2026-01-01T00:00:00Z\",\"channel\":\"web\",\"kind\":\"purchase\",\"amount\":1e400}]");
        yield return Json("a 2 MB string", "{\"name\":\"" + new string('x', 2_000_000) + "\",\"survivorId\":\"a\",\"absorbedId\":\"b\"}");
        yield return Json("unicode tricks", "{\"name\":\"\\u202Eevil\\u200B\\uFEFF\",\"survivorId\":\"\\ud800\",\"absorbedId\":\"\\u0000\",\"reason\":\"\\udfff\",\"customerId\":\"\\u0000\",\"roles\":[\"\\u0000\"]}");
        yield return Json("wrong types", "{\"survivorId\":1,\"absorbedId\":[],\"reason\":{},\"customerId\":true,\"verified\":\"yes\",\"name\":2,\"roles\":\"admin\",\"enabled\":\"x\"}");
        yield return Json("duplicate keys", "{\"name\":\"a\",\"name\":\"b\"}");
        yield return ("invalid UTF-8", [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0xFE, 0x22, 0x7D], "application/json");
        yield return ("NDJSON garbage", Encoding.UTF8.GetBytes("{}\n{\n\u0000\n[]"), "application/x-ndjson");
        yield return ("plain text", Encoding.UTF8.GetBytes("hello"), "text/plain");
        yield return ("a zip that is not one", [0x50, 0x4B, 0x03, 0x04, 0xFF, 0xFF], "application/zip");
    }

    private static async Task<int> SendAsync(HttpClient http, string method, string path, (string Label, byte[] Bytes, string MediaType)? body, CancellationToken token)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is { } content)
        {
            request.Content = new ByteArrayContent(content.Bytes) { Headers = { ContentType = new MediaTypeHeaderValue(content.MediaType) } };
        }

        try
        {
            // Headers only: the trigger feed is a stream that does not end.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
            return (int)response.StatusCode;
        }
        catch (HttpRequestException ex) when (ex.InnerException is IOException)
        {
            // The server answered (a 400 for the path, say) and closed the connection before reading a large body:
            // a refusal, not a failure. A crash would show in the health check after the run.
            return 0;
        }
    }

    private static string Concrete(string pattern, string id) => pattern
        .Replace("{id:int}", id.Length < 20 ? "0" : "99999999999", StringComparison.Ordinal)
        .Replace("{version:int}", "1", StringComparison.Ordinal)
        .Replace("{type}", id.Length < 20 ? "email" : id, StringComparison.Ordinal)
        .Replace("{name}", id, StringComparison.Ordinal)
        .Replace("{id}", id, StringComparison.Ordinal)
        .Replace("{value}", id, StringComparison.Ordinal)
        .Replace("{counterpartyId}", id, StringComparison.Ordinal)
        .Replace("{deliveryId}", id, StringComparison.Ordinal)
        .Replace("{keyId}", id, StringComparison.Ordinal)
        + (pattern.StartsWith("/hubs", StringComparison.Ordinal) ? "?negotiateVersion=1" : "");

    private static string Describe((string Label, byte[] Bytes, string MediaType)? body) => body is { } b ? $"{b.Label} ({b.MediaType})" : "no body";

    private static string Shorten(string text) => text.Length > 120 ? text[..120] + "…" : text;
}
