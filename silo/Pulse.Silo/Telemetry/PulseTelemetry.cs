using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Pulse.Contracts.Operations;

namespace Pulse.Silo.Telemetry;

/// <summary>
/// OpenTelemetry for a Pulse process (docs/operations.md, "Metrics and traces"): Pulse's own meter, Orleans',
/// ASP.NET Core's and the runtime's, scraped by Prometheus at <see cref="MetricsPath"/>. Traces and an OTLP
/// push only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: without a collector, tracing would cost for nothing.
/// </summary>
internal static class PulseTelemetry
{
    public const string MetricsPath = "/metrics";

    /// <summary>The standard OpenTelemetry setting (environment or configuration) that switches traces and the OTLP push on.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Meters exported: Pulse's, Orleans' (activations, messaging, storage), ASP.NET Core's (requests, connections) and the runtime's (GC, thread pool).</summary>
    public static IReadOnlyList<string> Meters { get; } =
        [PulseMeter.Name, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Runtime"];

    /// <summary>Activity sources traced when an OTLP endpoint is set: incoming HTTP requests and grain calls.</summary>
    public static IReadOnlyList<string> TraceSources { get; } = ["Microsoft.AspNetCore", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>True when traces (and an OTLP push of the metrics) are wanted.</summary>
    public static bool Tracing(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);

    public static IServiceCollection AddPulseTelemetry(this IServiceCollection services, IConfiguration configuration, string role)
    {
        var otlp = Tracing(configuration);
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("pulse-" + role))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters]).AddPrometheusExporter();
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddSource([.. TraceSources]).AddOtlpExporter());
        }

        return services;
    }
}
