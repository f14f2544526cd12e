using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Pulse.Web.Tests.Access;

/// <summary>
/// Every API endpoint × every role (docs/security.md): allowed, or 403; without a key, 401. The table below is the
/// contract; a test also checks that it names every endpoint the host maps, so a new endpoint cannot slip past it.
/// </summary>
public sealed class RoleBoundaryTests(AccessHost host) : IClassFixture<AccessHost>
{
    private const string I = "ingest", A = "agent", M = "marketer";

    /// <summary>(method, route pattern) → the roles allowed besides admin.</summary>
    public static readonly Dictionary<(string Method, string Pattern), string[]> Allowed = new()
    {
        [("POST", "/api/v1/interactions")] = [I],
        [("DELETE", "/api/v1/customers/{id}/relationships/{counterpartyId}")] = [I],
        [("GET", "/api/v1/customers/{id}")] = [A],
        [("GET", "/api/v1/customers/{id}/interactions")] = [A],
        [("POST", "/api/v1/customers/merge")] = [A],
        [("POST", "/api/v1/customers/{id}/unmerge")] = [A],
        [("GET", "/api/v1/customers/{id}/merges")] = [A],
        [("GET", "/api/v1/identities/{type}/{value}")] = [A],
        [("POST", "/api/v1/identities/{type}/{value}")] = [A],
        [("POST", "/api/v1/identities/lookup")] = [A],
        [("POST", "/hubs/live/negotiate")] = [A],
        [("GET", "/api/v1/customers/{id}/network")] = [A, M],
        [("GET", "/api/v1/influencers")] = [A, M],
        [("GET", "/api/v1/graph/status")] = [A, M],
        [("GET", "/api/v1/segments")] = [A, M],
        [("GET", "/api/v1/segments/{id:int}/customers")] = [A, M],
        [("GET", "/api/v1/segments/status")] = [A, M],
        [("GET", "/api/v1/segments/suggest-k")] = [A, M],
        [("GET", "/api/v1/customers/{id}/triggers")] = [A, M],
        [("GET", "/api/v1/triggers")] = [M],
        [("GET", "/api/v1/triggers/{id}")] = [M],
        [("PUT", "/api/v1/triggers/{id}")] = [M],
        [("POST", "/api/v1/triggers")] = [M],
        [("DELETE", "/api/v1/triggers/{id}")] = [M],
        [("POST", "/api/v1/triggers/{id}/enable")] = [M],
        [("POST", "/api/v1/triggers/{id}/disable")] = [M],
        [("GET", "/api/v1/triggers/{id}/firings")] = [M],
        [("GET", "/api/v1/triggers/feed")] = [M],
        [("GET", "/api/v1/triggers/dead-letters")] = [M],
        [("POST", "/api/v1/triggers/dead-letters/{deliveryId}/replay")] = [M],
        [("POST", "/api/v1/models/clv/fit")] = [],
        [("GET", "/api/v1/models/clv")] = [],
        [("GET", "/api/v1/models/clv/versions")] = [],
        [("GET", "/api/v1/models")] = [],
        [("POST", "/api/v1/models/churn/train")] = [],
        [("GET", "/api/v1/models/{name}/versions")] = [],
        [("POST", "/api/v1/models/{name}/versions")] = [],
        [("GET", "/api/v1/models/{name}/versions/{version:int}/artifact")] = [],
        [("GET", "/api/v1/operations/stats")] = [],
        [("GET", "/api/v1/cluster")] = [],
        [("POST", "/api/v1/keys")] = [],
        [("GET", "/api/v1/keys")] = [],
        [("DELETE", "/api/v1/keys/{keyId}")] = [],
        [("GET", "/api/v1/audit")] = [],
    };

    public static TheoryData<string, string> Endpoints()
    {
        var data = new TheoryData<string, string>();
        foreach (var (method, pattern) in Allowed.Keys)
        {
            data.Add(method, pattern);
        }

        return data;
    }

    [Fact]
    public void The_table_names_every_endpoint_and_every_endpoint_requires_a_role()
    {
        var mapped = host.App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/", StringComparison.Ordinal) || raw.StartsWith("/hubs/", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["POST"]).Select(m => (Method: m, Pattern: e.RoutePattern.RawText!.TrimEnd('/'), Endpoint: e)))
            .Where(e => e.Method != "OPTIONS")
            .ToList();

        // The hub's own route is its connection (negotiated first): covered by the negotiate row.
        var unlisted = mapped.Where(e => !Allowed.ContainsKey((e.Method, e.Pattern)) && e.Pattern != "/hubs/live").Select(e => $"{e.Method} {e.Pattern}").ToList();
        Assert.True(unlisted.Count == 0, "endpoints the access table does not name: " + string.Join(", ", unlisted));
        var open = mapped.Where(e => e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Count == 0).Select(e => $"{e.Method} {e.Pattern}").ToList();
        Assert.True(open.Count == 0, "endpoints that require no role: " + string.Join(", ", open));
        var gone = Allowed.Keys.Where(k => !mapped.Any(e => e.Method == k.Method && e.Pattern == k.Pattern)).ToList();
        Assert.True(gone.Count == 0, "table rows for endpoints the host does not map: " + string.Join(", ", gone));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_is_allowed_exactly_where_the_table_says(string method, string pattern)
    {
        var path = Concrete(pattern);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync(null, method, path));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync("pulse_000000000000_" + new string('x', 43), method, path));
        foreach (var (role, key) in host.Keys)
        {
            var status = await StatusAsync(key, method, path);
            if (role == "admin" || Allowed[(method, pattern)].Contains(role))
            {
                Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{role} on {method} {path}: {(int)status}, expected to be let in");
            }
            else
            {
                Assert.True(status == HttpStatusCode.Forbidden, $"{role} on {method} {path}: {(int)status}, expected 403");
            }
        }
    }

    private async Task<HttpStatusCode> StatusAsync(string? key, string method, string path)
    {
        using var http = host.Client(key);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            // The body each endpoint takes, so routing picks the endpoint (a wrong media type is a 415 before any check).
            request.Content = path.EndsWith("/versions", StringComparison.Ordinal)
                ? new ByteArrayContent([0x50, 0x4b]) { Headers = { ContentType = new("application/zip") } }
                : new StringContent("{}", Encoding.UTF8, "application/json");
        }

        // Headers only: the trigger feed is a stream that does not end.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static string Concrete(string pattern) => pattern
        .Replace("{id:int}", "0", StringComparison.Ordinal)
        .Replace("{version:int}", "1", StringComparison.Ordinal)
        .Replace("{type}", "account", StringComparison.Ordinal)
        .Replace("{name}", "churn", StringComparison.Ordinal)
        .Replace("{id}", "access-probe", StringComparison.Ordinal)
        .Replace("{value}", "a-1", StringComparison.Ordinal)
        .Replace("{counterpartyId}", "access-probe-2", StringComparison.Ordinal)
        .Replace("{deliveryId}", "d-1", StringComparison.Ordinal)
        .Replace("{keyId}", "000000000000", StringComparison.Ordinal)
        + (pattern.StartsWith("/hubs", StringComparison.Ordinal) ? "?negotiateVersion=1" : "");
}
