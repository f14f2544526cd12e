using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pulse.Contracts.Identity;
using Pulse.Contracts.Merges;
using Pulse.Web.Http;

namespace Pulse.Web.Identity;

/// <summary>
/// <c>/api/v1/identities</c>: which customer an identifier (account, email, phone, device, crm) belongs to,
/// and linking one to a customer. Emails and phone numbers are hashed here, before any grain is called.
/// </summary>
public static class IdentityEndpoints
{
    /// <summary>The <c>how</c> of an identifier linked through this API (a CRM sync, a login).</summary>
    public const string LinkedViaApi = "linked via API";

    public static IEndpointRouteBuilder MapIdentityEndpoints(this IEndpointRouteBuilder routes)
    {
        var identities = routes.MapGroup("/api/v1/identities").WithTags("Identities");

        identities.MapGet("/{type}/{value}", GetAsync)
            .WithName("GetIdentity")
            .WithSummary("The customer an identifier belongs to, since when and how; emails and phone numbers come back hashed.")
            .Produces<IdentityView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Registered before the {type}/{value} routes: "lookup" is not an identifier type, and literal segments win anyway.
        identities.MapPost("/lookup", LookupAsync)
            .WithName("LookUpIdentity")
            .WithSummary("As GET /{type}/{value}, with {type, value} in the body: an email or phone number stays out of URLs and access logs.")
            .Accepts<IdentityLookup>("application/json")
            .Produces<IdentityView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        identities.MapPost("/{type}/{value}", LinkAsync)
            .WithName("LinkIdentity")
            .WithSummary("Links an identifier to a customer ({customerId, verified}); 409 naming the owner when another customer has it.")
            .Accepts<IdentityLink>("application/json")
            .Produces<IdentityView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return routes;
    }

    private static async Task<IResult> GetAsync(string type, string value, IIdentifierKeys keys, IGrainFactory grains)
    {
        if (!TryKey(keys, type, value, out var key, out var problem))
        {
            return problem;
        }

        var owner = await grains.GetGrain<IIdentityGrain>(key.GrainKey).GetOwnerAsync();
        return owner is null
            ? Results.Problem(statusCode: 404, title: "Unknown identifier", detail: $"No customer has claimed this {key.TypeName}.")
            : Results.Ok(IdentityView.Of(key, owner, await ForwardingChain.ResolveAsync(grains, owner.CustomerId)));
    }

    private static Task<IResult> LookupAsync(IdentityLookup? body, IIdentifierKeys keys, IGrainFactory grains) =>
        body is { Type: { } type, Value: { } value }
            ? GetAsync(type, value, keys, grains)
            : Task.FromResult(Results.Problem(statusCode: 400, title: "Invalid lookup", detail: $"{(body?.Type is null ? "type" : "value")}: is required; the body is {{\"type\": \"email\", \"value\": \"...\"}}."));

    private static async Task<IResult> LinkAsync(string type, string value, IdentityLink link, IIdentifierKeys keys, IGrainFactory grains)
    {
        if (!TryKey(keys, type, value, out var key, out var problem))
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(link.CustomerId))
        {
            return Results.Problem(statusCode: 400, title: "Invalid customerId", detail: "customerId: required, the customer the identifier belongs to.");
        }

        if (RequestProblems.CustomerId(link.CustomerId) is { } idProblem)
        {
            return idProblem;
        }

        var outcome = await grains.GetGrain<IIdentityGrain>(key.GrainKey).ClaimAsync(link.CustomerId, link.Verified ?? false, LinkedViaApi);
        if (outcome.Status == ClaimStatus.OwnedByOther)
        {
            // Moving an identifier between customers is a merge, which has its own API (docs/identity.md).
            return Results.Problem(
                statusCode: 409,
                title: "Identifier owned by another customer",
                detail: $"This {key.TypeName} belongs to customer '{outcome.Owner.CustomerId}'; merge the customers to join them.",
                extensions: new Dictionary<string, object?> { ["ownerId"] = outcome.Owner.CustomerId });
        }

        return Results.Ok(IdentityView.Of(key, outcome.Owner, await ForwardingChain.ResolveAsync(grains, outcome.Owner.CustomerId)));
    }

    private static bool TryKey(IIdentifierKeys keys, string type, string value, out IdentifierKey key, out IResult problem)
    {
        try
        {
            key = keys.KeyOf(type, value);
            problem = Results.Empty;
            return true;
        }
        catch (ArgumentException e)
        {
            key = null!;
            problem = RequestProblems.Argument(e);
            return false;
        }
    }
}
