namespace Pulse.Web.Cluster;

/// <summary>The cluster as an operator sees it: each silo, its status, and how many customers it holds.</summary>
public sealed record ClusterView(IReadOnlyList<SiloView> Silos, long CustomerActivations);

/// <summary>One silo.</summary>
public sealed record SiloView(string Address, string Status, long CustomerActivations, long Activations);
