namespace Pulse.Analytics.Churn;

/// <summary>
/// One input of the churn model: a behaviour feature, a numeric attribute, or one category of a
/// categorical attribute (one-hot).
/// </summary>
/// <param name="Name">The slot's name (<c>complaints-7d</c>, <c>attr:tenure</c>, <c>attr:Contract=Month-to-month</c>).</param>
/// <param name="Source">Where its value comes from.</param>
/// <param name="Behaviour">The behaviour feature, for <see cref="ChurnFeatureSource.Behaviour"/>.</param>
/// <param name="Attribute">The attribute's name, for the attribute sources.</param>
/// <param name="Category">The category this slot is 1 for; null for "any other value" of a categorical attribute.</param>
public sealed record ChurnFeatureSlot(string Name, ChurnFeatureSource Source, BehaviourFeature? Behaviour = null, string? Attribute = null, string? Category = null);
