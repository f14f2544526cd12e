using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Merges;
using Pulse.Web.Access;
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

        customers.MapGet("/{id}/merges", GetMergesAsync)
            .WithName("GetCustomerMerges")
            .WithSummary("Who this customer was merged with, when and why (the last 50 merges and unmerges), and what it holds now.")
            .Produces<MergeHistoryView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<IResult> MergeAsync(MergeBody? body, ClaimsPrincipal caller, IGrainFactory grains)
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

        var reason = $"explicit by {KeyEndpoints.CallerOf(caller)}: {(string.IsNullOrWhiteSpace(body.Reason) ? "no reason given" : body.Reason.Trim())}";
        var outcome = await grains.GetGrain<ICustomerMergesGrain>(0).MergeAsync(body.SurvivorId!, body.AbsorbedId!, reason, deterministic: false);
        return Answer(outcome, "Merge refused");
    }

    private static async Task<IResult> UnmergeAsync(string id, UnmergeBody? body, ClaimsPrincipal caller, IGrainFactory grains)
    {
        if (RequestProblems.CustomerId(id) is { } idProblem)
        {
            return idProblem;
        }

        if (RequestProblems.CustomerIdField("absorbedId", body?.AbsorbedId) is { } problem)
        {
            return problem;
        }

        var reason = $"explicit by {KeyEndpoints.CallerOf(caller)}: {(string.IsNullOrWhiteSpace(body!.Reason) ? "no reason given" : body.Reason.Trim())}";
        var outcome = await grains.GetGrain<ICustomerMergesGrain>(0).UnmergeAsync(id, body.AbsorbedId!, reason);
        return Answer(outcome, "Unmerge refused");
    }

    private static async Task<IResult> GetMergesAsync(string id, IGrainFactory grains)
    {
        if (RequestProblems.CustomerId(id) is { } idProblem)
        {
            return idProblem;
        }

        var customer = grains.GetGrain<ICustomerGrain>(id);
        var merges = await customer.GetMergesAsync();
        var into = await customer.GetAbsorbedIntoAsync();
        if (merges.Count == 0 && into is null && await customer.GetProfileAsync() is null)
        {
            return Results.Problem(statusCode: 404, title: "Unknown customer", detail: $"No interactions or merges for customer '{id}'.");
        }

        return Results.Ok(new MergeHistoryView(id, into, await customer.GetAbsorbedIdsAsync(), [.. merges.Select(MergeRecordView.Of)]));
    }

    private static IResult Answer(MergeOutcome outcome, string refusedTitle) => outcome.Status == MergeStatus.Refused
        ? Results.Problem(statusCode: 409, title: refusedTitle, detail: $"{outcome.Field}: {outcome.Problem}",
            extensions: new Dictionary<string, object?> { ["field"] = outcome.Field })
        : Results.Ok(new MergeView(outcome.SurvivorId, outcome.AbsorbedIds, outcome.Status == MergeStatus.Done ? "done" : "already-done", outcome.Record is { } record ? MergeRecordView.Of(record) : null));

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
