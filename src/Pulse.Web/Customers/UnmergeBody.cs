namespace Pulse.Web.Customers;

/// <summary>The body of <c>POST /api/v1/customers/{id}/unmerge</c>.</summary>
/// <param name="AbsorbedId">The customer to take back out (it takes back the customers it brought).</param>
/// <param name="Reason">Why, in words; kept with the unmerge record.</param>
public sealed record UnmergeBody(string? AbsorbedId, string? Reason);
