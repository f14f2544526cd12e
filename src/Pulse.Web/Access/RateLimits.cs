using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pulse.Web.Audit;

namespace Pulse.Web.Access;

/// <summary>
/// Per-key rate limits (ASP.NET Core's rate limiter): a token bucket per API key, so one runaway feed cannot crowd
/// out the agents; requests without a key share a bucket per address. A refused request is a 429 with Retry-After.
/// Off when access control is off (nothing to tell callers apart by).
/// </summary>
public static class RateLimits
{
    public static IServiceCollection AddPulseRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var access = context.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value;
                if (!access.Enabled || access.RequestsPerSecond <= 0)
                {
                    return RateLimitPartition.GetNoLimiter("unlimited");
                }

                var caller = context.User.FindFirstValue(ClaimTypes.NameIdentifier)
                    ?? "address:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, access.Burst),
                    TokensPerPeriod = access.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
            limiter.OnRejected = async (rejected, cancellationToken) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Results.Problem(statusCode: 429, title: "Too many requests",
                    detail: $"This key may make {rejected.HttpContext.RequestServices.GetRequiredService<IOptions<AccessOptions>>().Value.RequestsPerSecond} requests a second; try again after the Retry-After header's seconds.")
                    .ExecuteAsync(rejected.HttpContext);
            };
        });
        return services;
    }

    /// <summary>The audit (around everything after it), authentication, then the limits (they partition by the caller), then authorization.</summary>
    public static IApplicationBuilder UsePulseAccess(this IApplicationBuilder app)
    {
        app.UsePulseAudit();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }
}
