using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pulse.Contracts.Access;

namespace Pulse.Web.Access;

/// <summary>
/// Authenticates a request by its API key: <c>Authorization: Bearer pulse_…</c>, <c>X-Api-Key: pulse_…</c>, or, for
/// the live hub and the trigger feed only (a browser cannot set headers on a WebSocket or an EventSource),
/// <c>?access_token=pulse_…</c>. With access
/// turned off every request is the admin.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory loggers,
    UrlEncoder encoder,
    ApiKeyCache keys,
    IOptions<AccessOptions> access) : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, loggers, encoder)
{
    public const string SchemeName = "ApiKey";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var settings = access.Value;
        if (!settings.Enabled)
        {
            return Task.FromResult(Success("access-off", "access control off", AccessRoles.Admin));
        }

        var presented = Presented();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (settings.AdminKey is { Length: > 0 } adminKey && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(adminKey)))
        {
            return Task.FromResult(Success("configured", "configured admin key", AccessRoles.Admin));
        }

        if (!ApiKeySecrets.TryParse(presented, out var keyId, out var secret))
        {
            return Task.FromResult(AuthenticateResult.Fail("not a Pulse API key"));
        }

        return Task.FromResult(keys.Find(keyId, secret) is { } key
            ? Success(key.KeyId, key.Name, key.Roles)
            : AuthenticateResult.Fail("unknown or revoked API key"));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"pulse\"";
        return Results.Problem(statusCode: 401, title: "Authentication required",
            detail: "Send an API key: Authorization: Bearer pulse_… (the local profile prints an admin key at start).").ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        Results.Problem(statusCode: 403, title: "Not allowed",
            detail: $"This key's roles ({string.Join(", ", Context.User.FindAll(ClaimTypes.Role).Select(c => c.Value))}) do not allow {Request.Method} {Request.Path}.").ExecuteAsync(Context);

    private string? Presented()
    {
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        if (Request.Headers.TryGetValue("X-Api-Key", out var header) && header.ToString() is { Length: > 0 } apiKey)
        {
            return apiKey.Trim();
        }

        // Browsers cannot set headers on a WebSocket or an EventSource: the live hub and the trigger feed take the key
        // in the query too (over TLS in a deployment; it stays out of the request log, which logs paths only).
        var streaming = Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase)
            || Request.Path.StartsWithSegments("/api/v1/triggers/feed", StringComparison.OrdinalIgnoreCase);
        return streaming && Request.Query["access_token"].ToString() is { Length: > 0 } queryToken ? queryToken : null;
    }

    private AuthenticateResult Success(string keyId, string name, AccessRoles roles)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, keyId), new(ClaimTypes.Name, name) };
        foreach (var role in AccessPolicies.RoleNamesOf(roles))
        {
            claims.Add(new Claim(ClaimTypes.Role, role));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }
}
