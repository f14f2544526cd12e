using QuikGraph;

namespace Pulse.Analytics.Graph;

/// <summary>
/// An arc as QuikGraph sees it (<see cref="QuikGraphView"/>): customer slots, kind, and the weight as of
/// the graph's landmark time, which compares across arcs but is not in event units
/// (<see cref="RelationshipGraph.WeightAt(string, string, RelationshipKind, DateTimeOffset)"/> is).
/// </summary>
public readonly record struct RelationshipArc(int Source, int Target, RelationshipKind Kind, double Weight) : IEdge<int>;
