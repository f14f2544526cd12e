namespace Pulse.Web.Operations;

/// <summary>What <c>GET /api/v1/operations/stats</c> returns for the operator view.</summary>
/// <param name="EventsAcceptedPerSecond">Interactions this process accepted per second (last ~10 s).</param>
/// <param name="EventsAppliedPerSecond">Interactions the cluster's customers applied per second (last ~10 s).</param>
/// <param name="ApplyLatencyMs">Event time to applied on the customer, for live events.</param>
/// <param name="ReportingSilos">Silos whose activity reports are in the window.</param>
/// <param name="WatchedCustomers">Customer cards this process keeps live.</param>
/// <param name="DashboardUrl">The Orleans Dashboard, when one is configured (<c>Pulse:Operations:DashboardUrl</c>).</param>
public sealed record OperationsStats(
    double EventsAcceptedPerSecond,
    double EventsAppliedPerSecond,
    LatencyPercentiles ApplyLatencyMs,
    int ReportingSilos,
    int WatchedCustomers,
    string? DashboardUrl);

/// <summary>Percentiles in milliseconds (the upper edge of a histogram bucket: within 19 %); null without samples.</summary>
public sealed record LatencyPercentiles(double? P50, double? P95, double? P99);
