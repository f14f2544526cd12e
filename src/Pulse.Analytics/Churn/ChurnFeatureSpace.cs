using System.Globalization;

namespace Pulse.Analytics.Churn;

/// <summary>
/// The churn model's input layout: every behaviour feature, then the customer attributes seen in
/// training. An attribute whose non-empty values all read as numbers is numeric (empty is −1: the
/// trees learn it as "low", which for a CRM export usually means "not set"); any other attribute is
/// categorical, one slot per frequent value plus one for the rest.
/// </summary>
public sealed record ChurnFeatureSpace(IReadOnlyList<ChurnFeatureSlot> Slots)
{
    public const float MissingNumber = -1;

    public int Count => Slots.Count;

    /// <summary>Learns the attribute slots from the training rows' attributes.</summary>
    /// <param name="attributes">Each training row's attributes.</param>
    /// <param name="excluded">Attributes never to use (the label, identifiers).</param>
    /// <param name="maxCategories">Values kept per categorical attribute (the most frequent); the rest share a slot.</param>
    public static ChurnFeatureSpace Learn(IEnumerable<IReadOnlyDictionary<string, string>> attributes, IReadOnlySet<string> excluded, int maxCategories = 20)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ArgumentNullException.ThrowIfNull(excluded);
        var values = new SortedDictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        foreach (var row in attributes)
        {
            foreach (var (name, value) in row)
            {
                if (excluded.Contains(name))
                {
                    continue;
                }

                if (!values.TryGetValue(name, out var counts))
                {
                    values[name] = counts = new Dictionary<string, int>(StringComparer.Ordinal);
                }

                var key = value.Trim();
                counts[key] = counts.GetValueOrDefault(key) + 1;
            }
        }

        var slots = Enum.GetValues<BehaviourFeature>()
            .Select(f => new ChurnFeatureSlot(BehaviourFeatures.Name(f), ChurnFeatureSource.Behaviour, Behaviour: f))
            .ToList();
        foreach (var (name, counts) in values)
        {
            var present = counts.Keys.Where(v => v.Length > 0).ToArray();
            if (present.Length > 0 && present.All(v => TryNumber(v, out _)))
            {
                slots.Add(new ChurnFeatureSlot($"attr:{name}", ChurnFeatureSource.NumericAttribute, Attribute: name));
                continue;
            }

            var kept = counts.Where(kv => kv.Key.Length > 0)
                .OrderByDescending(kv => kv.Value)
                .ThenBy(kv => kv.Key, StringComparer.Ordinal)
                .Take(maxCategories)
                .Select(kv => kv.Key)
                .Order(StringComparer.Ordinal);
            slots.AddRange(kept.Select(v => new ChurnFeatureSlot($"attr:{name}={v}", ChurnFeatureSource.CategoryAttribute, Attribute: name, Category: v)));
            slots.Add(new ChurnFeatureSlot($"attr:{name}=(other)", ChurnFeatureSource.CategoryAttribute, Attribute: name));
        }

        return new ChurnFeatureSpace(slots);
    }

    /// <summary>Writes one row's inputs: <paramref name="behaviour"/> in <see cref="BehaviourFeature"/> order, then the attributes.</summary>
    public void Encode(ReadOnlySpan<double> behaviour, IReadOnlyDictionary<string, string>? attributes, Span<float> features)
    {
        if (behaviour.Length != BehaviourFeatures.Count)
        {
            throw new ArgumentException($"Expected {BehaviourFeatures.Count} behaviour features, got {behaviour.Length}.", nameof(behaviour));
        }

        if (features.Length != Count)
        {
            throw new ArgumentException($"Expected room for {Count} features, got {features.Length}.", nameof(features));
        }

        for (var i = 0; i < Slots.Count; i++)
        {
            var slot = Slots[i];
            switch (slot.Source)
            {
                case ChurnFeatureSource.Behaviour:
                    features[i] = (float)behaviour[(int)slot.Behaviour!.Value];
                    break;
                case ChurnFeatureSource.NumericAttribute:
                    features[i] = attributes is not null && attributes.TryGetValue(slot.Attribute!, out var text) && TryNumber(text.Trim(), out var number)
                        ? (float)number
                        : MissingNumber;
                    break;
                default:
                    var value = attributes is not null && attributes.TryGetValue(slot.Attribute!, out var raw) ? raw.Trim() : null;
                    features[i] = slot.Category is { } category
                        ? (value == category ? 1 : 0)
                        : (value is { Length: > 0 } && !IsKnownCategory(slot.Attribute!, value) ? 1 : 0);
                    break;
            }
        }
    }

    private bool IsKnownCategory(string attribute, string value) =>
        Slots.Any(s => s.Source == ChurnFeatureSource.CategoryAttribute && s.Attribute == attribute && s.Category == value);

    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
