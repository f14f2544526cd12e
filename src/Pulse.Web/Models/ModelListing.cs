namespace Pulse.Web.Models;

/// <summary>One model in <c>GET /api/v1/models</c>: its latest version (0 when none) and that version's measures.</summary>
/// <param name="Name"><c>clv</c>, <c>sentiment</c> or <c>churn</c>.</param>
/// <param name="Version">The latest published version; 0 before the first.</param>
/// <param name="Description">What it is, in words.</param>
/// <param name="PublishedAt">When that version was published (fitted, for lifetime value).</param>
/// <param name="RequestedBy">Who asked for it.</param>
/// <param name="Metrics">Its measures: held-out ones for learned models, the fit's log-likelihood and size for lifetime value.</param>
public sealed record ModelListing(
    string Name,
    int Version,
    string Description,
    DateTimeOffset? PublishedAt,
    string? RequestedBy,
    IReadOnlyDictionary<string, double> Metrics);
