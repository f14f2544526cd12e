using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
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

    public static IServiceCollection AddPulseAccess(this IServiceCollection services)
    {
        services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.Section).Validate(
            o => !o.Enabled || o.AdminKey is null || o.AdminKey.Length >= 32,
            "Pulse:Access:AdminKey must be at least 32 characters (a pulse_… key from 'pulse keys new' is 62).");
        services.AddPulseRateLimits();
        services.AddSingleton<ApiKeyCache>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyCache>());
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Ingest, p => p.RequireRole(Ingest))
            .AddPolicy(Agent, p => p.RequireRole(Agent))
            .AddPolicy(Marketer, p => p.RequireRole(Marketer))
            .AddPolicy(Admin, p => p.RequireRole(Admin))
            .AddPolicy(AgentOrMarketer, p => p.RequireRole(Agent, Marketer));
        return services;
    }
}
