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

        // Each attribute is looked up once per row, not once per slot: this runs on every live event.
        var plan = Plans.GetValue(this, static space => Plan.Build(space.Slots));
        Span<int> known = plan.Attributes.Length <= 128 ? stackalloc int[plan.Attributes.Length] : new int[plan.Attributes.Length];
        var values = plan.Attributes.Length == 0 ? [] : new string?[plan.Attributes.Length];
        for (var a = 0; a < plan.Attributes.Length; a++)
        {
            values[a] = attributes is not null && attributes.TryGetValue(plan.Attributes[a], out var raw) ? raw.Trim() : null;
            known[a] = values[a] is { Length: > 0 } v && plan.Categories[a].Contains(v) ? 1 : 0;
        }

        for (var i = 0; i < Slots.Count; i++)
        {
            var slot = Slots[i];
            var a = plan.AttributeOfSlot[i];
            features[i] = slot.Source switch
            {
                ChurnFeatureSource.Behaviour => (float)behaviour[(int)slot.Behaviour!.Value],
                ChurnFeatureSource.NumericAttribute => values[a] is { } text && TryNumber(text, out var number) ? (float)number : MissingNumber,
                _ when slot.Category is { } category => values[a] == category ? 1 : 0,
                _ => values[a] is { Length: > 0 } && known[a] == 0 ? 1 : 0,
            };
        }
    }

    // Kept beside the record rather than in it, so equality and serialisation see only the slots.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ChurnFeatureSpace, Plan> Plans = [];

    /// <summary>The attribute names in slot order, each slot's attribute, and each attribute's kept categories.</summary>
    private sealed record Plan(string[] Attributes, int[] AttributeOfSlot, HashSet<string>[] Categories)
    {
        public static Plan Build(IReadOnlyList<ChurnFeatureSlot> slots)
        {
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var categories = new List<HashSet<string>>();
            var ofSlot = new int[slots.Count];
            for (var i = 0; i < slots.Count; i++)
            {
                if (slots[i].Attribute is not { } name)
                {
                    ofSlot[i] = -1;
                    continue;
                }

                if (!index.TryGetValue(name, out var a))
                {
                    index[name] = a = index.Count;
                    categories.Add(new HashSet<string>(StringComparer.Ordinal));
                }

                if (slots[i].Category is { } category)
                {
                    categories[a].Add(category);
                }

                ofSlot[i] = a;
            }

            return new Plan([.. index.OrderBy(kv => kv.Value).Select(kv => kv.Key)], ofSlot, [.. categories]);
        }
    }

    private static bool TryNumber(string text, out double number) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);
}
