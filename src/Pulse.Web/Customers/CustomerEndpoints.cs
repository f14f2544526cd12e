using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;

using Pulse.Web.Http;

namespace Pulse.Web.Customers;

/// <summary><c>/api/v1/customers</c>: a customer's live profile and recent interactions.</summary>
public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder routes)
    {
        var customers = routes.MapGroup("/api/v1/customers").WithTags("Customers");

        customers.MapGet("/{id}", GetProfileAsync)
            .WithName("GetCustomer")
            .WithSummary("The customer's live features, RFM summary and scores, as of now or ?asOf=ISO-8601.")
            .Produces<CustomerProfile>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        customers.MapGet("/{id}/interactions", GetInteractionsAsync)
            .WithName("GetCustomerInteractions")
            .WithSummary("The customer's latest interactions (at most 50), newest first.")
            .Produces<IReadOnlyList<Interaction>>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<IResult> GetProfileAsync(string id, string? asOf, IGrainFactory grains)
    {
        if (RequestProblems.CustomerId(id) is { } idProblem)
        {
            return idProblem;
        }

        DateTimeOffset? at = null;
        if (asOf is not null)
        {
            if (!DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                return Results.Problem(statusCode: 400, title: "Invalid asOf", detail: $"asOf: '{asOf}' is not an ISO 8601 time (e.g. 1997-09-30T00:00:00Z).");
            }

            at = parsed.ToUniversalTime();
        }

        var profile = await grains.GetGrain<ICustomerGrain>(id).GetProfileAsync(at);
        return profile is null ? NotFound(id) : Results.Ok(profile);
    }

    private static async Task<IResult> GetInteractionsAsync(string id, IGrainFactory grains)
    {
        if (RequestProblems.CustomerId(id) is { } idProblem)
        {
            return idProblem;
        }

        var recent = await grains.GetGrain<ICustomerGrain>(id).GetRecentInteractionsAsync();
        return recent.Count == 0 ? NotFound(id) : Results.Ok(recent);
    }

    private static IResult NotFound(string id) =>
        Results.Problem(statusCode: 404, title: "Unknown customer", detail: $"No interaction has been applied for customer '{id}'.");
}
