using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Pulse.Contracts.Ingest;
using Pulse.Contracts.Interactions;

namespace Pulse.Web.Graph;

/// <summary>
/// <c>DELETE /api/v1/customers/{id}/relationships/{counterpartyId}</c>: ends a relationship by logging a
/// <c>relationship-end</c> interaction through ordinary ingest, so the removal is durable and replayed like
/// every other event rather than a side door into the graph.
/// </summary>
public static partial class RelationshipEndpoints
{
    /// <summary>The channel the interaction is logged under: the request came over the API.</summary>
    public const string Channel = "web";

    public static IEndpointRouteBuilder MapRelationshipEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/customers").WithTags("Graph")
            .MapDelete("/{id}/relationships/{counterpartyId}", EndAsync)
            .WithName("EndRelationship")
            .WithSummary("Ends the relationship between two customers (?relationship=referral|household|mention|call-transfer|other; every kind when absent) by logging a relationship-end interaction.")
            .Produces<RelationshipEnded>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> EndAsync(
        string id, string counterpartyId, string? relationship, HttpContext context, IInteractionIngest ingest, TimeProvider clock, ILoggerFactory loggers)
    {
        if (relationship is not null && !InteractionRules.RelationshipNames.Contains(relationship))
        {
            return Problem(400, "Invalid relationship",
                $"relationship: '{Shorten(relationship)}' is not a relationship kind; use one of {string.Join(", ", InteractionRules.RelationshipNames)}, or leave it out to end every kind.");
        }

        if (string.Equals(id, counterpartyId, StringComparison.Ordinal))
        {
            return Problem(400, "Invalid counterpartyId", "counterpartyId: must be another customer, not the customer themself.");
        }

        // Whole seconds: a retry within the same second builds the same event, id and time alike.
        var now = clock.GetUtcNow();
        var at = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds());
        var eventId = RelationshipEventIds.Of(id, counterpartyId, relationship, at);
        var draft = new InteractionDraft
        {
            EventId = eventId,
            CustomerId = id,
            Timestamp = at.ToString("O", CultureInfo.InvariantCulture),
            Channel = Channel,
            Kind = InteractionKind.RelationshipEnd.Name(),
            CounterpartyId = counterpartyId,
            Properties = relationship is null ? null : new Dictionary<string, string> { ["relationship"] = relationship },
        };

        // The same rules as POST /api/v1/interactions; their field names are put in this request's terms.
        var (interaction, error) = InteractionRules.Validate(draft, 0, now);
        if (interaction is null)
        {
            var field = error!.Field switch
            {
                "customerId" => "id",
                "properties.relationship" => "relationship",
                var other => other,
            };
            return Problem(400, $"Invalid {field}", $"{field}: {error.Reason}.");
        }

        IngestReceipt receipt;
        try
        {
            receipt = await ingest.AcceptAsync([interaction]);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogEndFailed(loggers.CreateLogger(typeof(RelationshipEndpoints)), ex);
            context.Response.Headers.RetryAfter = "1";
            return Results.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Ingest unavailable",
                detail: "Pulse is overloaded or a part of it is unavailable; the relationship was not ended. Retry the same request.",
                extensions: new Dictionary<string, object?> { ["retryAfterSeconds"] = 1 });
        }

        var ended = new RelationshipEnded(eventId, id, counterpartyId, relationship, receipt.Accepted == 0 && receipt.Duplicates > 0);
        return Results.Accepted($"/api/v1/customers/{Uri.EscapeDataString(id)}/network", ended);
    }

    private static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    private static string Shorten(string value) => value.Length <= 40 ? value : string.Concat(value.AsSpan(0, 40), "…");

    [LoggerMessage(Level = LogLevel.Error, Message = "Logging a relationship-end failed; answered 503")]
    private static partial void LogEndFailed(ILogger logger, Exception exception);
}
