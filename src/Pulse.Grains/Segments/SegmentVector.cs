using Pulse.Analytics.Churn;

namespace Pulse.Grains.Segments;

/// <summary>
/// Picks the configured features out of a customer's behaviour vector (the churn model's, so both see
/// the same customer) and transforms the skewed ones by ln(1 + x).
/// </summary>
public sealed class SegmentVector
{
    private readonly int[] _indices;
    private readonly bool[] _logarithmic;

    public SegmentVector(SegmentOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var byName = Enum.GetValues<BehaviourFeature>().ToDictionary(BehaviourFeatures.Name, f => (int)f, StringComparer.Ordinal);
        var features = options.Features.Count > 0 ? options.Features : SegmentOptions.DefaultFeatures;
        var logarithmic = options.Logarithmic.Count > 0 ? options.Logarithmic : SegmentOptions.DefaultLogarithmic;
        _indices = [.. features.Select(name => byName.TryGetValue(name, out var index)
            ? index
            : throw new ArgumentException($"Pulse:Segments:Features: unknown feature '{name}'; expected one of {string.Join(", ", byName.Keys)}.", nameof(options)))];
        _logarithmic = [.. features.Select(logarithmic.Contains)];
        Features = [.. features];
    }

    public IReadOnlyList<string> Features { get; }

    public IReadOnlyList<bool> Logarithmic => _logarithmic;

    public int Dimensions => _indices.Length;

    /// <summary>Writes the transformed point of a behaviour vector.</summary>
    public void From(ReadOnlySpan<double> behaviour, Span<double> point)
    {
        for (var i = 0; i < _indices.Length; i++)
        {
            var value = behaviour[_indices[i]];
            point[i] = _logarithmic[i] ? Math.Log(1 + Math.Max(0, value)) : value;
        }
    }

    /// <summary>Takes a transformed value back to the feature's own units.</summary>
    public double ToUnits(int feature, double transformed) => _logarithmic[feature] ? Math.Exp(transformed) - 1 : transformed;
}
