using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pulse.Contracts.Ingest;
using Pulse.Web.Cluster;
using Pulse.Web.Customers;
using Pulse.Web.Graph;
using Pulse.Web.Ingest;
using Pulse.Web.Models;
using Pulse.Web.Segments;
using Pulse.Web.Triggers;

namespace Pulse.Web;

/// <summary>Wires Pulse's HTTP API into an ASP.NET Core host (a silo in the local profile, a front end in a cluster).</summary>
public static class PulseWebExtensions
{
    public static IServiceCollection AddPulseWeb(this IServiceCollection services)
    {
        // A silo, or a front end with its own log, registers its ingest first.
        services.TryAddSingleton<IInteractionIngest, GrainInteractionIngest>();
        services.AddProblemDetails();
        services.AddOpenApi();
        services.AddHealthChecks();
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
        routes.MapHealthChecks("/health/live");
        routes.MapGet("/", () => Results.Text(
            "Pulse is running.\nAPI: POST /api/v1/interactions, GET /api/v1/customers/{id}, GET /api/v1/customers/{id}/interactions\nOpenAPI: /openapi/v1.json\n"))
            .ExcludeFromDescription();
        routes.MapIngestEndpoints();
        routes.MapCustomerEndpoints();
        routes.MapModelEndpoints();
        routes.MapClusterEndpoints();
        routes.MapSegmentEndpoints();
        routes.MapGraphEndpoints();
        routes.MapRelationshipEndpoints();
        routes.MapTriggerEndpoints();
        routes.MapFiringEndpoints();
        return routes;
    }
}
