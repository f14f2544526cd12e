using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pulse.Contracts.Audit;
using Pulse.Web.Http;

namespace Pulse.Web.Audit;

/// <summary><c>GET /api/v1/audit</c> (admin): who read or changed what, and when.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/v1/audit", ReadAsync)
            .WithTags("Access")
            .WithName("ReadAudit")
            .WithSummary("The audit trail, oldest first: ?after=ISO-8601 to page on, ?limit=1..1000 (100).")
            .Produces<IReadOnlyList<AuditEntry>>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return routes;
    }

    private static async Task<IResult> ReadAsync(string? after, string? limit, IAuditTrail trail, CancellationToken cancellationToken)
    {
        if (RequestProblems.Count("limit", limit, 100, 1, 1_000, out var count) is { } problem)
        {
            return problem;
        }

        DateTimeOffset? from = null;
        if (after is not null)
        {
            if (!DateTimeOffset.TryParse(after, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Results.Problem(statusCode: 400, title: "Invalid after", detail: "after: not an ISO 8601 time.");
            }

            from = parsed;
        }

        return Results.Ok(await trail.ReadAsync(from, count, cancellationToken));
    }
}
