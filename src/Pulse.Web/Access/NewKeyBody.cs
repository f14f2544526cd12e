namespace Pulse.Web.Access;

/// <summary>The body of <c>POST /api/v1/keys</c>: <c>{"name": "web feed", "roles": ["ingest"]}</c>.</summary>
public sealed record NewKeyBody(string? Name, IReadOnlyList<string>? Roles);
