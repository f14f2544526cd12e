namespace Pulse.Web.Customers;

/// <summary>The body of <c>POST /api/v1/customers/merge</c>.</summary>
/// <param name="SurvivorId">The customer that stays, and absorbs the other's history.</param>
/// <param name="AbsorbedId">The customer merged into it.</param>
/// <param name="Reason">Why, in words; kept with the merge record both customers hold.</param>
public sealed record MergeBody(string? SurvivorId, string? AbsorbedId, string? Reason);
