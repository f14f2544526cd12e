namespace Pulse.Analytics.Simulation;

/// <summary>
/// Picks an index with probability proportional to its weight, with weights that change as it goes;
/// both a pick and an update cost O(log n) (a Fenwick, or binary indexed, tree over the weights).
/// </summary>
internal sealed class FenwickSampler
{
    private readonly double[] _weights;
    private readonly double[] _tree;
    private readonly int _topStep;
    private int _updatesSinceRebuild;

    public FenwickSampler(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        _weights = new double[count];
        _tree = new double[count + 1];
        _topStep = 1;
        while (_topStep * 2 <= count)
        {
            _topStep *= 2;
        }
    }

    public int Count => _weights.Length;

    /// <summary>The sum of all weights.</summary>
    public double Total => Prefix(_weights.Length);

    public double this[int index] => _weights[index];

    /// <summary>Sets one weight (zero removes the index from sampling).</summary>
    public void Set(int index, double weight)
    {
        if (!(weight >= 0) || double.IsInfinity(weight))
        {
            throw new ArgumentOutOfRangeException(nameof(weight), weight, "Weights must be finite and non-negative.");
        }

        var delta = weight - _weights[index];
        _weights[index] = weight;
        for (var i = index + 1; i < _tree.Length; i += i & -i)
        {
            _tree[i] += delta;
        }

        // Adding deltas lets rounding error creep into the partial sums; rebuilding from the exact
        // weights now and then keeps it bounded at O(1) amortised cost per update.
        if (++_updatesSinceRebuild >= 4 * _weights.Length + 1024)
        {
            Rebuild();
        }
    }

    /// <summary>Picks an index whose weight is positive, proportionally to the weights.</summary>
    public int Sample(Random random)
    {
        var total = Total;
        if (!(total > 0))
        {
            throw new InvalidOperationException("Every weight is zero: there is nothing to sample.");
        }

        var index = Find(random.NextDouble() * total);

        // Rounding can land on a zero-weight index at the very end; step back to a live one.
        while (index >= _weights.Length || _weights[index] <= 0)
        {
            index = index >= _weights.Length || index == 0 ? LastPositive() : index - 1;
        }

        return index;
    }

    /// <summary>The 0-based index whose cumulative weight range holds <paramref name="target"/>.</summary>
    private int Find(double target)
    {
        var position = 0;
        for (var step = _topStep; step > 0; step >>= 1)
        {
            var next = position + step;
            if (next < _tree.Length && _tree[next] <= target)
            {
                position = next;
                target -= _tree[next];
            }
        }

        return position;
    }

    private double Prefix(int count)
    {
        var sum = 0.0;
        for (var i = count; i > 0; i -= i & -i)
        {
            sum += _tree[i];
        }

        return sum;
    }

    private int LastPositive()
    {
        for (var i = _weights.Length - 1; i >= 0; i--)
        {
            if (_weights[i] > 0)
            {
                return i;
            }
        }

        throw new InvalidOperationException("Every weight is zero: there is nothing to sample.");
    }

    private void Rebuild()
    {
        Array.Clear(_tree);
        for (var i = 1; i < _tree.Length; i++)
        {
            _tree[i] += _weights[i - 1];
            var parent = i + (i & -i);
            if (parent < _tree.Length)
            {
                _tree[parent] += _tree[i];
            }
        }

        _updatesSinceRebuild = 0;
    }
}
