namespace Pulse.Web.Models;

/// <summary>The body of <c>POST /api/v1/models/clv/fit</c>; every field optional.</summary>
/// <param name="AsOf">Fit the population as it stood at the end of this day (yyyy-MM-dd, event time); default today.</param>
/// <param name="PeriodDays">The models' time unit in days; default 7 (weeks).</param>
/// <param name="RequestedBy">Who asked, kept with the version.</param>
public sealed record ClvFitBody(string? AsOf = null, double? PeriodDays = null, string? RequestedBy = null);
