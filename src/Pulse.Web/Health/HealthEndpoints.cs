using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pulse.Web.Health;

/// <summary>
/// The probes Kubernetes (or any supervisor) asks: <c>/health/startup</c>, <c>/health/live</c> and
/// <c>/health/ready</c>. Each runs the checks tagged for it and answers 200 (healthy or degraded) or 503
/// (unhealthy) with a JSON body naming every check's status; probe traffic is kept out of the HTTP metrics.
/// </summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapPulseHealth(this IEndpointRouteBuilder routes)
    {
        Map(routes, "/health/startup", HealthTags.Startup);
        Map(routes, "/health/ready", HealthTags.Ready);
        Map(routes, "/health/live", HealthTags.Live);
        return routes;
    }

    private static void Map(IEndpointRouteBuilder routes, string path, string tag) =>
        routes.MapHealthChecks(path, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(tag),
            ResponseWriter = WriteAsync,
        }).DisableHttpMetrics();

    /// <summary><c>{"status":"Healthy","durationMs":1.2,"checks":{"name":{"status":"Healthy","description":"...","durationMs":0.4}}}</c>.</summary>
    private static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteNumber("durationMs", Math.Round(report.TotalDuration.TotalMilliseconds, 1));
        json.WriteStartObject("checks");
        foreach (var (name, entry) in report.Entries)
        {
            json.WriteStartObject(name);
            json.WriteString("status", entry.Status.ToString());
            if (entry.Description is { } description)
            {
                json.WriteString("description", description);
            }

            if (entry.Exception is { } exception && entry.Description != exception.Message)
            {
                json.WriteString("error", exception.Message);
            }

            json.WriteNumber("durationMs", Math.Round(entry.Duration.TotalMilliseconds, 1));
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
