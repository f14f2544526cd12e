using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pulse.Contracts.Ingest;
using Pulse.Contracts.Audit;
using Pulse.Web.Access;
using Pulse.Web.Audit;
using Pulse.Web.Cluster;
using Pulse.Web.Customers;
using Pulse.Web.Graph;
using Pulse.Web.Health;
using Pulse.Web.Identity;
using Pulse.Web.Ingest;
using Pulse.Web.Live;
using Pulse.Web.Models;
using Pulse.Web.Operations;
using Pulse.Web.Segments;
using Pulse.Web.Triggers;
using Pulse.Web.Ui;

namespace Pulse.Web;

/// <summary>Wires Pulse's HTTP API into an ASP.NET Core host (a silo in the local profile, a front end in a cluster).</summary>
public static class PulseWebExtensions
{
    public static IServiceCollection AddPulseWeb(this IServiceCollection services)
    {
        // A silo, or a front end with its own log, registers its ingest first.
        services.TryAddSingleton<IInteractionIngest, GrainInteractionIngest>();
        services.AddProblemDetails();
        services.AddPulseAccess();
        services.TryAddSingleton<IAuditTrail, InMemoryAuditTrail>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IngestActivity>();
        services.AddSingleton<CustomerWatchRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<CustomerWatchRegistry>());

        // Profiles pushed to browsers read exactly as GET /api/v1/customers/{id} does.
        services.AddSignalR().AddJsonProtocol();
        services.AddOptions<JsonHubProtocolOptions>().Configure<IOptions<JsonOptions>>((hub, http) =>
        {
            var from = http.Value.SerializerOptions;
            var to = hub.PayloadSerializerOptions;
            to.PropertyNamingPolicy = from.PropertyNamingPolicy;
            to.DefaultIgnoreCondition = from.DefaultIgnoreCondition;
            to.NumberHandling = from.NumberHandling;
            foreach (var converter in from.Converters)
            {
                to.Converters.Add(converter);
            }
        });
        services.AddOpenApi();
        services.AddHealthChecks().AddCheck<HostStartedCheck>("started", tags: [HealthTags.Startup]);
        services.ConfigureHttpJsonOptions(options =>
        {
            // Channels and kinds go out under the same names they come in by: call-centre, page-view.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;

            // A standard error the Hessian cannot give is NaN; say so rather than fail the response.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        });
        return services;
    }

    public static IEndpointRouteBuilder MapPulseApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi();
        routes.MapPulseHealth();
        routes.MapGet("/", () => UiFiles.IndexPage() ?? Results.Text(
            "Pulse is running (this build has no UI: npm was not there when Pulse.Web was built).\nAPI: POST /api/v1/interactions, GET /api/v1/customers/{id}, GET /api/v1/customers/{id}/interactions\nOpenAPI: /openapi/v1.json\n"))
            .ExcludeFromDescription();
        // Who may call what (docs/security.md): one role per area; admin may call everything. The UI, health
        // and the OpenAPI document are open; every API endpoint requires a key (a test checks none is left out).
        routes.MapHub<LiveHub>(LiveHub.Path).RequireAuthorization(AccessPolicies.Agent);

        var admin = routes.MapGroup(string.Empty).RequireAuthorization(AccessPolicies.Admin);
        admin.MapOperationsEndpoints();
        admin.MapModelEndpoints();
        admin.MapClusterEndpoints();
        admin.MapKeyEndpoints();
        admin.MapAuditEndpoints();

        var ingest = routes.MapGroup(string.Empty).RequireAuthorization(AccessPolicies.Ingest);
        ingest.MapIngestEndpoints();
        ingest.MapRelationshipEndpoints();

        var agent = routes.MapGroup(string.Empty).RequireAuthorization(AccessPolicies.Agent);
        agent.MapCustomerEndpoints();
        agent.MapIdentityEndpoints();

        var marketer = routes.MapGroup(string.Empty).RequireAuthorization(AccessPolicies.Marketer);
        marketer.MapTriggerEndpoints();

        // Areas both read: the agent card shows a customer's segment, network and fired triggers.
        var either = routes.MapGroup(string.Empty).RequireAuthorization(AccessPolicies.AgentOrMarketer);
        either.MapSegmentEndpoints();
        either.MapGraphEndpoints();
        either.MapFiringEndpoints();
        return routes;
    }
}
