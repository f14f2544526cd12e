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

        customers.MapPost("/merge", MergeAsync)
            .WithName("MergeCustomers")
            .WithSummary("Merge one customer into another: the survivor is rebuilt from both histories; the absorbed id forwards to it.")
            .Produces<MergeView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        customers.MapPost("/{id}/unmerge", UnmergeAsync)
            .WithName("UnmergeCustomer")
            .WithSummary("Undo a merge: both customers are rebuilt from their own histories, as if it never happened.")
            .Produces<MergeView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return routes;
    }

    private static async Task<IResult> MergeAsync(MergeBody? body, IGrainFactory grains)
    {
        if (body is null)
        {
            return Results.Problem(statusCode: 400, title: "Invalid merge", detail: "The body must be a JSON object with survivorId, absorbedId and reason.");
        }

        if ((RequestProblems.CustomerIdField("survivorId", body.SurvivorId) ?? RequestProblems.CustomerIdField("absorbedId", body.AbsorbedId)) is { } problem)
        {
            return problem;
        }

        if (body.SurvivorId == body.AbsorbedId)
        {
            return Results.Problem(statusCode: 400, title: "Invalid absorbedId", detail: "absorbedId: a customer cannot be merged into itself.");
        }

        var survivor = grains.GetGrain<ICustomerGrain>(body.SurvivorId!);
        try
        {
            await survivor.MergeAsync(body.AbsorbedId!, string.IsNullOrWhiteSpace(body.Reason) ? "explicit merge via the API" : body.Reason);
        }
        catch (ArgumentException ex)
        {
            // The grain refuses what the state of the two customers does not allow (already absorbed elsewhere, ...).
            return Results.Problem(statusCode: 409, title: "Merge refused", detail: ex.Message);
        }

        return Results.Ok(new MergeView(body.SurvivorId!, await survivor.GetAbsorbedIdsAsync()));
    }

    private static async Task<IResult> UnmergeAsync(string id, UnmergeBody? body, IGrainFactory grains)
    {
        if (RequestProblems.CustomerId(id) is { } idProblem)
        {
            return idProblem;
        }

        if (RequestProblems.CustomerIdField("absorbedId", body?.AbsorbedId) is { } problem)
        {
            return problem;
        }

        var survivor = grains.GetGrain<ICustomerGrain>(id);
        try
        {
            await survivor.UnmergeAsync(body!.AbsorbedId!);
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(statusCode: 409, title: "Unmerge refused", detail: ex.Message);
        }

        return Results.Ok(new MergeView(id, await survivor.GetAbsorbedIdsAsync()));
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

        var customer = grains.GetGrain<ICustomerGrain>(id);
        var profile = await customer.GetProfileAsync(at);
        if (profile is null && await customer.GetAbsorbedIntoAsync() is { } survivor)
        {
            return Results.Problem(statusCode: 404, title: "Merged customer", detail: $"Customer '{id}' was merged into '{survivor}'.",
                extensions: new Dictionary<string, object?> { ["mergedInto"] = survivor });
        }

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
