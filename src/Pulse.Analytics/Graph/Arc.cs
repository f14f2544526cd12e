namespace Pulse.Analytics.Graph;

/// <summary>
/// One directed arc in a customer's out-list: 16 bytes (target, kind, padding, weight), stored by value
/// in one array per customer, so a million edges are a million array slots and no objects.
/// </summary>
internal struct Arc
{
    public int Target;
    public RelationshipKind Kind;

    /// <summary>The weight as of the graph's landmark time (see <see cref="RelationshipGraph"/>).</summary>
    public double Weight;

    public Arc(int target, RelationshipKind kind, double weight)
    {
        Target = target;
        Kind = kind;
        Weight = weight;
    }
}
