using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pulse.Contracts.Access;

namespace Pulse.Web.Access;

/// <summary><c>/api/v1/keys</c> (admin): make, list and revoke API keys.</summary>
public static class KeyEndpoints
{
    public const int MaxNameLength = 100;

    public static IEndpointRouteBuilder MapKeyEndpoints(this IEndpointRouteBuilder routes)
    {
        var keys = routes.MapGroup("/api/v1/keys").WithTags("Access").RequireAuthorization(AccessPolicies.Admin);

        keys.MapPost(string.Empty, CreateAsync)
            .WithName("CreateKey")
            .WithSummary("A new API key with the roles given; the key is in this answer only.")
            .Produces<CreatedKeyView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        keys.MapGet(string.Empty, ListAsync)
            .WithName("ListKeys")
            .WithSummary("Every key, revoked ones included, without secrets.")
            .Produces<IReadOnlyList<KeyView>>();

        keys.MapDelete("/{keyId}", RevokeAsync)
            .WithName("RevokeKey")
            .WithSummary("Revokes a key: every front end refuses it within a second.")
            .Produces<KeyView>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<IResult> CreateAsync(NewKeyBody? body, ClaimsPrincipal caller, IGrainFactory grains, ApiKeyCache cache, TimeProvider clock)
    {
        if (body is null || string.IsNullOrWhiteSpace(body.Name))
        {
            return Results.Problem(statusCode: 400, title: "Invalid name", detail: "name: required, what the key is for (\"web feed\", \"j.smith\").");
        }

        if (body.Name.Trim().Length > MaxNameLength || body.Name.Any(char.IsControl))
        {
            return Results.Problem(statusCode: 400, title: "Invalid name", detail: $"name: at most {MaxNameLength} characters, no control characters.");
        }

        if (body.Roles is not { Count: > 0 })
        {
            return Results.Problem(statusCode: 400, title: "Invalid roles", detail: $"roles: at least one of {string.Join(", ", AccessPolicies.RoleNames)}.");
        }

        var roles = AccessRoles.None;
        for (var i = 0; i < body.Roles.Count; i++)
        {
            if (AccessPolicies.Parse(body.Roles[i] ?? "") is not { } role)
            {
                return Results.Problem(statusCode: 400, title: "Invalid roles", detail: $"roles[{i}]: '{body.Roles[i]}' is not a role; use {string.Join(", ", AccessPolicies.RoleNames)}.");
            }

            roles |= role;
        }

        var (key, keyId, hash) = ApiKeySecrets.New();
        var record = new ApiKey(keyId, body.Name.Trim(), roles, hash, clock.GetUtcNow(), CallerOf(caller));
        await grains.GetGrain<IApiKeysGrain>(0).AddAsync(record);
        await cache.RefreshAsync();
        return Results.Created($"/api/v1/keys/{keyId}", new CreatedKeyView(key, KeyView.Of(record)));
    }

    private static async Task<IResult> ListAsync(IGrainFactory grains) =>
        Results.Ok((await grains.GetGrain<IApiKeysGrain>(0).GetAllAsync()).Keys.Select(KeyView.Of).ToList());

    private static async Task<IResult> RevokeAsync(string keyId, ClaimsPrincipal caller, IGrainFactory grains, ApiKeyCache cache)
    {
        var revoked = await grains.GetGrain<IApiKeysGrain>(0).RevokeAsync(keyId, CallerOf(caller));
        if (revoked is null)
        {
            return Results.Problem(statusCode: 404, title: "Unknown key", detail: $"keyId: there is no key '{keyId}'.");
        }

        await cache.RefreshAsync();
        return Results.Ok(KeyView.Of(revoked));
    }

    /// <summary>Who is acting, for the record: the key's id and name.</summary>
    internal static string CallerOf(ClaimsPrincipal caller) =>
        $"{caller.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?"} ({caller.FindFirstValue(ClaimTypes.Name) ?? "?"})";
}
