namespace Pulse.Grains.Graph;

/// <summary>
/// Per slot of a shard's graph: PageRank (the owned customers' as of the last report, the other shards'
/// as of the last refresh), the lifetime value and churn risk customers reported (0 when unknown, with a
/// flag), and what each owned customer was last told, to tell them again only when it moved.
/// </summary>
internal sealed class KnownScores
{
    private double[] _influence = [];
    private double[] _value = [];
    private double[] _risk = [];
    private bool[] _valueKnown = [];
    private bool[] _riskKnown = [];
    private double[] _toldInfluence = [];
    private double[] _toldValue = [];
    private double[] _toldContagion = [];

    /// <summary>PageRank per slot, for NetworkFeatures.</summary>
    public ReadOnlySpan<double> Influences => _influence;

    /// <summary>Lifetime value per slot (0 when unknown), for NetworkFeatures.</summary>
    public ReadOnlySpan<double> Values => _value;

    /// <summary>Churn risk per slot (0 when unknown), for NetworkFeatures.</summary>
    public ReadOnlySpan<double> Risks => _risk;

    public void EnsureSize(int slots)
    {
        if (slots <= _influence.Length)
        {
            return;
        }

        var size = Math.Max(slots, _influence.Length * 2);
        var old = _influence.Length;
        Array.Resize(ref _influence, size);
        Array.Resize(ref _value, size);
        Array.Resize(ref _risk, size);
        Array.Resize(ref _valueKnown, size);
        Array.Resize(ref _riskKnown, size);
        Array.Resize(ref _toldInfluence, size);
        Array.Resize(ref _toldValue, size);
        Array.Resize(ref _toldContagion, size);
        _toldInfluence.AsSpan(old).Fill(double.NaN);
        _toldValue.AsSpan(old).Fill(double.NaN);
        _toldContagion.AsSpan(old).Fill(double.NaN);
    }

    public void SetInfluence(int slot, double influence)
    {
        EnsureSize(slot + 1);
        _influence[slot] = double.IsFinite(influence) ? influence : 0;
    }

    /// <summary>Forgets everything about a slot whose customer left the graph, so a customer that later takes the slot starts clean.</summary>
    public void Forget(int slot)
    {
        if (slot >= _influence.Length)
        {
            return;
        }

        (_influence[slot], _value[slot], _risk[slot], _valueKnown[slot], _riskKnown[slot]) = (0, 0, 0, false, false);
        (_toldInfluence[slot], _toldValue[slot], _toldContagion[slot]) = (double.NaN, double.NaN, double.NaN);
    }

    public double Influence(int slot) => slot < _influence.Length ? _influence[slot] : 0;

    /// <summary>Records what is known; NaN leaves what was known before (a customer whose model is not loaded yet has no news, not a value of nothing).</summary>
    public void SetScores(int slot, double lifetimeValue, double churnProbability)
    {
        EnsureSize(slot + 1);
        if (double.IsFinite(lifetimeValue))
        {
            (_value[slot], _valueKnown[slot]) = (lifetimeValue, true);
        }

        if (double.IsFinite(churnProbability))
        {
            (_risk[slot], _riskKnown[slot]) = (churnProbability, true);
        }
    }

    public double LifetimeValue(int slot) => slot < _value.Length && _valueKnown[slot] ? _value[slot] : double.NaN;

    public double ChurnProbability(int slot) => slot < _risk.Length && _riskKnown[slot] ? _risk[slot] : double.NaN;

    public bool IsValueKnown(int slot) => slot < _valueKnown.Length && _valueKnown[slot];

    public bool IsRiskKnown(int slot) => slot < _riskKnown.Length && _riskKnown[slot];

    public double ToldInfluence(int slot) => slot < _toldInfluence.Length ? _toldInfluence[slot] : double.NaN;

    public void Told(int slot, double relativeInfluence, double? networkValue, double? churnContagion)
    {
        EnsureSize(slot + 1);
        _toldInfluence[slot] = relativeInfluence;
        _toldValue[slot] = networkValue ?? double.NaN;
        _toldContagion[slot] = churnContagion ?? double.NaN;
    }

    /// <summary>True when network value or churn contagion moved by more than <paramref name="share"/> (or appeared) since the customer was told.</summary>
    public bool NetworkMoved(int slot, double? networkValue, double? churnContagion, double share) =>
        Moved(slot < _toldValue.Length ? _toldValue[slot] : double.NaN, networkValue, share)
        || Moved(slot < _toldContagion.Length ? _toldContagion[slot] : double.NaN, churnContagion, share);

    private static bool Moved(double told, double? now, double share) =>
        now is { } value ? double.IsNaN(told) || Math.Abs(value - told) > share * Math.Max(Math.Abs(told), 1e-9) : !double.IsNaN(told);
}
