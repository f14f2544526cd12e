namespace Pulse.Analytics.Graph;

/// <summary>One relationship of a customer, with its weight at a given time.</summary>
public sealed record Relationship(string From, string To, RelationshipKind Kind, double Weight);
