namespace Pulse.Analytics.Triggers;

/// <summary>
/// A static attribute of the customer has a value: <c>{"attribute": "Contract", "equals": "Month-to-month"}</c>
/// (<see cref="Value"/>) or one of several: <c>{"attribute": "Contract", "in": ["Month-to-month", "One year"]}</c>
/// (<see cref="OneOf"/>). Exactly one of the two is set. Unknown when the customer has no such attribute.
/// </summary>
public sealed record AttributeCondition(string Attribute, string? Value = null, IReadOnlyList<string>? OneOf = null) : TriggerCondition;
