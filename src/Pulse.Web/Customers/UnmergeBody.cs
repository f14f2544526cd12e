namespace Pulse.Web.Customers;

/// <summary>The body of <c>POST /api/v1/customers/{id}/unmerge</c>.</summary>
/// <param name="AbsorbedId">The customer to take back out.</param>
public sealed record UnmergeBody(string? AbsorbedId);
