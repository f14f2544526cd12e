namespace Pulse.Web.Customers;

/// <summary>A survivor and the customers merged into it, after a merge or an unmerge.</summary>
/// <param name="SurvivorId">The survivor.</param>
/// <param name="AbsorbedIds">The customers merged into it now.</param>
public sealed record MergeView(string SurvivorId, IReadOnlyList<string> AbsorbedIds);
