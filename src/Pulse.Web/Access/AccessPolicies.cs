using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Pulse.Contracts.Access;

namespace Pulse.Web.Access;

/// <summary>The authorization policies, one per area of the API (docs/security.md has the table).</summary>
public static class AccessPolicies
{
    public const string Ingest = "ingest";
    public const string Agent = "agent";
    public const string Marketer = "marketer";
    public const string Admin = "admin";

    /// <summary>Read by both agents and marketers: who is influential.</summary>
    public const string AgentOrMarketer = "agent-or-marketer";

    /// <summary>Every role, wire names, in order.</summary>
    public static IReadOnlyList<string> RoleNames { get; } = [Ingest, Agent, Marketer, Admin];

    /// <summary>The role claims a caller with <paramref name="roles"/> carries: an admin carries them all.</summary>
    public static IEnumerable<string> RoleNamesOf(AccessRoles roles)
    {
        if (roles.HasFlag(AccessRoles.Admin))
        {
            return RoleNames;
        }

        return RoleNames.Where(name => roles.HasFlag(Parse(name)!.Value));
    }

    /// <summary>A role by its wire name; null when there is none.</summary>
    public static AccessRoles? Parse(string name) => name switch
    {
        Ingest => AccessRoles.Ingest,
        Agent => AccessRoles.Agent,
        Marketer => AccessRoles.Marketer,
        Admin => AccessRoles.Admin,
        _ => null,
    };

    /// <summary>The scheme every endpoint authenticates with: it forwards to the API-key or the token handler.</summary>
    public const string CallerScheme = "PulseCaller";

    public static IServiceCollection AddPulseAccess(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).Validate(
            o => !o.Enabled || o.AdminKey is null || o.AdminKey.Length >= 32,
            "Pulse:Access:AdminKey must be at least 32 characters (a pulse_… key from 'pulse keys new' is 62).");
        services.AddPulseRateLimits();
        services.AddSingleton<ApiKeyCache>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyCache>());
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section);

        // One scheme in front: a Pulse key goes to the key handler, any other bearer token to the JWT handler (when a
        // provider is configured), so endpoints need not know which a caller used.
        services.AddAuthentication(CallerScheme)
            .AddPolicyScheme(CallerScheme, "API key or token", policy => policy.ForwardDefaultSelector = context =>
            {
                var tokens = context.RequestServices.GetRequiredService<IOptions<TokenOptions>>().Value;
                var authorization = context.Request.Headers.Authorization.ToString();
                var bearer = authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
                return tokens.Enabled && bearer is { Length: > 0 } && !bearer.StartsWith(ApiKeySecrets.Prefix, StringComparison.Ordinal) && bearer.Count(c => c == '.') == 2
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyAuthenticationHandler.SchemeName;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<TokenOptions>>((jwt, tokens) => Configure(jwt, tokens.Value));
        services.AddAuthorizationBuilder()
            .AddPolicy(Ingest, p => p.RequireRole(Ingest))
            .AddPolicy(Agent, p => p.RequireRole(Agent))
            .AddPolicy(Marketer, p => p.RequireRole(Marketer))
            .AddPolicy(Admin, p => p.RequireRole(Admin))
            .AddPolicy(AgentOrMarketer, p => p.RequireRole(Agent, Marketer));
        return services;
    }

    private static void Configure(JwtBearerOptions jwt, TokenOptions tokens)
    {
        if (!tokens.Enabled)
        {
            return;
        }

        jwt.MapInboundClaims = false;
        if (!string.IsNullOrWhiteSpace(tokens.Authority))
        {
            jwt.Authority = tokens.Authority;
        }

        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateAudience = !string.IsNullOrWhiteSpace(tokens.Audience),
            ValidAudience = tokens.Audience,
            ValidateIssuer = !string.IsNullOrWhiteSpace(tokens.Issuer) || !string.IsNullOrWhiteSpace(tokens.Authority),
            ValidIssuer = tokens.Issuer,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = "sub",
            RoleClaimType = ClaimTypes.Role,
        };
        if (!string.IsNullOrWhiteSpace(tokens.SigningKey))
        {
            jwt.TokenValidationParameters.IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(tokens.SigningKey));
            jwt.TokenValidationParameters.ValidAlgorithms = [SecurityAlgorithms.HmacSha256];
        }

        // The provider's role names become Pulse's role claims; an admin carries them all, as with keys.
        jwt.Events = new JwtBearerEvents
        {
            OnTokenValidated = context =>
            {
                var roles = AccessRoles.None;
                foreach (var claim in context.Principal!.FindAll(tokens.RoleClaim))
                {
                    roles |= Parse(claim.Value) ?? AccessRoles.None;
                }

                var identity = (ClaimsIdentity)context.Principal.Identity!;
                identity.AddClaim(new Claim(ClaimTypes.NameIdentifier, "token:" + (context.Principal.FindFirst("sub")?.Value ?? "?")));
                identity.AddClaim(new Claim(ClaimTypes.Name, context.Principal.FindFirst("name")?.Value ?? context.Principal.FindFirst("sub")?.Value ?? "token"));
                foreach (var role in RoleNamesOf(roles))
                {
                    identity.AddClaim(new Claim(ClaimTypes.Role, role));
                }

                return Task.CompletedTask;
            },
        };
    }
}
