using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Pulse.Contracts.Audit;
using Pulse.Contracts.Identity;
using Pulse.Web.Access;

namespace Pulse.Web.Audit;

/// <summary>
/// Records every call to an endpoint that needs a role (every read of customer data and every admin action, refused
/// ones included), except the ones too frequent and too bare to matter: ingest (the interaction log is its record)
/// and the operator view's polling of cluster figures.
/// </summary>
public static class AuditMiddleware
{
    private static readonly HashSet<(string Method, string Path)> NotAudited =
    [
        ("POST", "/api/v1/interactions"),
        ("GET", "/api/v1/operations/stats"),
        ("GET", "/api/v1/cluster"),
    ];

    /// <summary>The path as the trail keeps it: an email or phone number in an identity path is replaced by its keyed hash.</summary>
    private static string Kept(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (context.Request.RouteValues.TryGetValue("type", out var type) && context.Request.RouteValues.TryGetValue("value", out var value)
            && path.StartsWith("/api/v1/identities/", StringComparison.Ordinal))
        {
            var keys = context.RequestServices.GetService(typeof(IIdentifierKeys)) as IIdentifierKeys;
            string kept;
            try
            {
                kept = keys?.KeyOf(type as string ?? "", value as string ?? "").Value ?? "[identifier]";
            }
            catch (ArgumentException)
            {
                kept = "[not an identifier]";
            }

            return $"/api/v1/identities/{type}/{kept}";
        }

        return path;
    }

    /// <summary>Goes before authentication, so a refused attempt is recorded with the rest.</summary>
    public static IApplicationBuilder UsePulseAudit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        await next(context);
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<IAuthorizeData>() is null || NotAudited.Contains((context.Request.Method, context.Request.Path.Value ?? "")))
        {
            return;
        }

        var trail = context.RequestServices.GetService(typeof(IAuditTrail)) as IAuditTrail;
        trail?.Record(new AuditEntry(
            DateTimeOffset.UtcNow,
            context.User.Identity?.IsAuthenticated == true ? KeyEndpoints.CallerOf(context.User) : "anonymous",
            context.Request.Method,
            Kept(context),
            context.Response.StatusCode));
    });
}
