namespace Pulse.Web.Customers;

/// <summary>The answer to <c>GET /api/v1/customers/{id}/merges</c>.</summary>
/// <param name="MergedInto">The survivor this customer forwards to, or null.</param>
/// <param name="AbsorbedIds">The customers merged into this one.</param>
/// <param name="Merges">The merges and unmerges it took part in, oldest first.</param>
public sealed record MergeHistoryView(string CustomerId, string? MergedInto, IReadOnlyList<string> AbsorbedIds, IReadOnlyList<MergeRecordView> Merges);
