namespace Pulse.Cli.Api;

/// <summary>The body of <c>POST /api/v1/models/clv/fit</c>.</summary>
internal sealed record ClvFitPayload(string? AsOf, double PeriodDays, string RequestedBy);
