namespace Pulse.Analytics.Segments;

/// <summary>
/// The segmentation model the segmentation grain holds: k centres in standardized space learned from a
/// stream of <see cref="MiniBatch"/>es, each a per-silo summary (sums and counts per centre), never the
/// points themselves.
/// </summary>
/// <remarks>
/// <para>
/// The update is the mini-batch k-means of Sculley (2010, "Web-scale k-means clustering"), with the
/// per-centre learning rate 1/n_c that scikit-learn's MiniBatchKMeans also uses, applied to a whole
/// batch at once, and forgetting as in Spark MLlib's StreamingKMeans. For each centre c that received
/// m_c &gt; 0 points of mean x̄_c in a batch:
/// </para>
/// <para>n_c ← a·n_c (every centre, before the update);  c ← c + m_c / (n_c + m_c) · (x̄_c − c);  n_c ← n_c + m_c.</para>
/// <para>
/// This is Spark's rule c_{t+1} = (c_t·n_t·a + x̄_t·m_t) / (n_t·a + m_t), n_{t+1} = n_t·a + m_t
/// (MLlib guide, "Streaming k-means"), with a = 0.5^(1/half-life in batches). With a = 1 it is
/// Sculley's rule: each centre is the running mean of every point ever assigned to it.
/// </para>
/// <para>
/// The standardizer learns too: each batch carries its points' raw mean and variance, merged into the
/// model's (and forgotten at the same rate). When the standardization changes, the centres are
/// re-expressed in the new one (c' = (c·s + μ − μ') / s', feature by feature), so they keep their place
/// in raw units; a batch's sums are taken back to raw units with the standardization of the version it
/// was assigned against, so a batch that is a version or two late is still applied where it belongs.
/// </para>
/// <para>
/// A centre whose count falls below <see cref="StreamingKMeansOptions.ReassignmentRatio"/> times the
/// mean count is starved (scikit-learn re-places centres below a ratio of the largest count). It is
/// re-placed on a sampled point drawn with probability proportional to its squared distance to the
/// nearest kept centre (the k-means++ rule), and given the smallest kept count so that it is not
/// re-placed again at once (scikit-learn does the same). The points are the model's reservoir when
/// nothing is forgotten (a uniform sample of the whole stream), else the batch's own sample: under
/// forgetting the reservoir still holds points of a population that has gone (it turns over by one
/// batch sample per batch, whatever the half-life), and far from every kept centre is exactly where
/// those are. All draws are seeded by the options' seed and the version, so a run, and a run restored
/// from a snapshot, are reproducible.
/// </para>
/// </remarks>
public sealed class StreamingKMeans
{
    private readonly StreamingKMeansOptions _options;
    private readonly RunningStandardizer _standardizer;
    private readonly ReservoirSample<double[]> _sample;
    private readonly double[] _counts;
    private readonly double[] _lastMoves;
    private readonly List<double[]> _history = [];
    private Centres? _centres;
    private double[] _reference = [];

    public StreamingKMeans(StreamingKMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _standardizer = new RunningStandardizer(options.Dimensions, options.VarianceFloor);
        _sample = new ReservoirSample<double[]>(options.SampleCapacity, options.Seed);
        _counts = new double[options.K];
        _lastMoves = new double[options.K];
        Published = Publish();
    }

    public StreamingKMeansOptions Options => _options;

    /// <summary>Number of segments.</summary>
    public int K => _options.K;

    /// <summary>Number of features.</summary>
    public int Dimensions => _options.Dimensions;

    /// <summary>Batches applied so far.</summary>
    public long Version { get; private set; }

    /// <summary>True once the model has seeded its centres.</summary>
    public bool IsSeeded => _centres is not null;

    /// <summary>The version at which drift <see cref="SegmentDrift.SinceReference"/> is measured from.</summary>
    public long ReferenceVersion { get; private set; }

    /// <summary>The centres in the current standardized space; null before seeding.</summary>
    public Centres? Centres => _centres;

    /// <summary>Per centre, its (decayed) count of points.</summary>
    public ReadOnlySpan<double> Counts => _counts;

    /// <summary>The current version, standardization and centres, for pre-aggregators.</summary>
    public PublishedSegments Published { get; private set; }

    /// <summary>Points in the model's reservoir sample (raw units).</summary>
    public int SampleCount => _sample.Count;

    /// <summary>A new, empty batch against the current version (pre-aggregators build theirs from <see cref="Published"/>).</summary>
    public MiniBatch NewBatch(int seed = 0) => new(Published, seed: seed);

    /// <summary>A centre in raw units.</summary>
    public void CentreInRawUnits(int centre, Span<double> raw)
    {
        var centres = _centres ?? throw new InvalidOperationException("The model is not seeded yet.");
        Published.Unstandardize(centres[centre], raw);
    }

    /// <summary>Applies one batch (see the class remarks for the exact rule) and publishes the next version.</summary>
    public AppliedBatch Apply(MiniBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var d = Dimensions;
        var k = K;
        if (batch.Dimensions != d || (batch.K != 0 && batch.K != k))
        {
            throw new ArgumentException($"The batch has k {batch.K}, d {batch.Dimensions}; the model k {k}, d {d}.", nameof(batch));
        }

        if (batch.Version > Version)
        {
            throw new ArgumentException($"The batch is from version {batch.Version}, after the model's {Version}.", nameof(batch));
        }

        var random = new Random(Mix(_options.Seed, Version));
        _sample.UseRandom(random);
        var a = _options.DecayFactor;
        if (a < 1)
        {
            for (var c = 0; c < k; c++)
            {
                _counts[c] *= a;
            }

            _standardizer.Decay(a);
            _sample.Forget(a);
        }

        var before = Published;
        _standardizer.Merge(batch.Raw);
        var mean = _standardizer.Mean;
        Span<double> scale = stackalloc double[d];
        _standardizer.CopyScales(scale);
        double[]? previous = null;
        if (_centres is not null)
        {
            Reexpress(_centres.MutableValues, before.Mean, before.Scale, mean, scale);
            previous = _centres.Values.ToArray();
            if (batch.K == k)
            {
                Update(batch, mean, scale);
            }
        }

        Absorb(batch.Sample);
        var seeded = false;
        int[] reassigned = [];
        if (_centres is null)
        {
            if (_sample.Count >= _options.SeedSampleSize)
            {
                SeedFromSample(random);
                seeded = true;
            }
        }
        else
        {
            reassigned = ReassignStarved(_options.DecayFactor < 1 && batch.Sample.Count > 0 ? batch.Sample : _sample, random);
        }

        Version++;
        Published = Publish();
        if (_centres is not null)
        {
            for (var c = 0; c < k; c++)
            {
                _lastMoves[c] = previous is null ? 0 : Math.Sqrt(Centres.SquaredDistance(previous.AsSpan(c * d, d), _centres[c]));
            }

            Remember(seeded);
        }

        return new AppliedBatch(Version, batch.Points, batch.Inertia, [.. _lastMoves], reassigned, seeded);
    }

    /// <summary>Makes the current centres the reference <see cref="SegmentDrift.SinceReference"/> is measured from.</summary>
    public void MarkReference()
    {
        if (_history.Count > 0)
        {
            _reference = [.. _history[^1]];
            ReferenceVersion = Version;
        }
    }

    /// <summary>How far each centre has moved: last batch, over the drift window, since the reference.</summary>
    public SegmentDrift Drift()
    {
        if (_centres is null || _history.Count == 0)
        {
            return new SegmentDrift(Version, [], 0, [], ReferenceVersion, []);
        }

        var current = _history[^1];
        return new SegmentDrift(
            Version,
            [.. _lastMoves],
            _history.Count - 1,
            Distances(current, _history[0]),
            ReferenceVersion,
            Distances(current, _reference));
    }

    /// <summary>The model as plain arrays.</summary>
    public StreamingKMeansState Snapshot()
    {
        var d = Dimensions;
        var rows = new double[_sample.Count * d];
        for (var i = 0; i < _sample.Count; i++)
        {
            _sample[i].CopyTo(rows, i * d);
        }

        return new StreamingKMeansState(
            Version,
            _centres is null ? [] : [.. _centres.Values],
            [.. _counts],
            _standardizer.Snapshot(),
            _sample.Seen,
            rows,
            [.. _lastMoves],
            [.. _history.SelectMany(h => h)],
            ReferenceVersion,
            [.. _reference]);
    }

    /// <summary>Replaces the model with a saved one (from a model with the same k and d).</summary>
    public void Restore(StreamingKMeansState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var kd = K * Dimensions;
        if ((state.Centres.Length != 0 && state.Centres.Length != kd)
            || state.Counts.Length != K
            || state.LastMoves.Length != K
            || state.History.Length % kd != 0
            || (state.Reference.Length != 0 && state.Reference.Length != kd)
            || state.SampleRows.Length % Dimensions != 0
            || state.SampleRows.Length / Dimensions > _options.SampleCapacity)
        {
            throw new ArgumentException($"The saved model does not fit k {K}, d {Dimensions}, sample capacity {_options.SampleCapacity}.", nameof(state));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(state.Version);
        _standardizer.Restore(state.Standardizer);
        _centres = state.Centres.Length == 0 ? null : new Centres(Dimensions, state.Centres);
        state.Counts.CopyTo(_counts, 0);
        state.LastMoves.CopyTo(_lastMoves, 0);
        var rows = new double[state.SampleRows.Length / Dimensions][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = state.SampleRows.AsSpan(i * Dimensions, Dimensions).ToArray();
        }

        _sample.Restore(state.SampleSeen, rows);
        _history.Clear();
        var entries = state.History.Length / kd;
        for (var h = Math.Max(0, entries - (_options.DriftWindow + 1)); h < entries; h++)
        {
            _history.Add(state.History.AsSpan(h * kd, kd).ToArray());
        }

        _reference = [.. state.Reference];
        ReferenceVersion = state.ReferenceVersion;
        Version = state.Version;
        Published = Publish();
    }

    /// <summary>Moves each centre that received points towards their mean at its own rate m / (n + m).</summary>
    private void Update(MiniBatch batch, ReadOnlySpan<double> mean, ReadOnlySpan<double> scale)
    {
        var d = Dimensions;
        var centres = _centres!;
        var batchMean = batch.Segments.Mean;
        var batchScale = batch.Segments.Scale;
        var counts = batch.Counts;
        var sums = batch.Sums;
        for (var c = 0; c < K; c++)
        {
            var m = (double)counts[c];
            if (m == 0)
            {
                continue;
            }

            var rate = m / (_counts[c] + m);
            var row = centres.Row(c);
            var sum = sums.Slice(c * d, d);
            for (var j = 0; j < d; j++)
            {
                // The batch mean in the batch's standardized space, back to raw units, then into ours.
                var raw = batchMean[j] + (batchScale[j] * sum[j] / m);
                var x = (raw - mean[j]) / scale[j];
                row[j] += rate * (x - row[j]);
            }

            _counts[c] += m;
        }
    }

    /// <summary>Offers the batch's sampled points, each standing for seen / sampled points of the batch.</summary>
    private void Absorb(ReservoirSample<double[]> sample)
    {
        if (sample.Count == 0)
        {
            return;
        }

        var weight = sample.Seen / sample.Count;
        foreach (var point in sample.Items)
        {
            var slot = _sample.Reserve(weight);
            if (slot >= 0)
            {
                var row = _sample[slot] ?? new double[Dimensions];
                point.CopyTo(row, 0);
                _sample.Set(slot, row);
            }
        }
    }

    /// <summary>The best of several greedy k-means++ seedings of the standardized sample, each refined by Lloyd iterations.</summary>
    private void SeedFromSample(Random random)
    {
        var points = Standardized(_sample);
        var n = _sample.Count;
        Centres? best = null;
        int[]? bestLabels = null;
        var bestInertia = double.PositiveInfinity;
        for (var t = 0; t < _options.SeedTrials; t++)
        {
            var centres = KMeansPlusPlus.Seed(points, Dimensions, K, random, KMeansPlusPlus.GreedyCandidates(K));
            var labels = new int[n];
            var inertia = _options.SeedRefinementIterations > 0
                ? BatchKMeans.Lloyd(points, centres, labels, _options.SeedRefinementIterations).Inertia
                : centres.Inertia(points);
            if (inertia < bestInertia)
            {
                (best, bestLabels, bestInertia) = (centres, labels, inertia);
            }
        }

        _centres = best!;
        Array.Clear(_counts);
        if (_options.SeedRefinementIterations > 0)
        {
            // Refined centres are the means of their sample points: they stand for that many points.
            foreach (var label in bestLabels!)
            {
                _counts[label]++;
            }
        }
    }

    private int[] ReassignStarved(ReservoirSample<double[]> candidates, Random random)
    {
        var centres = _centres!;
        var ratio = _options.ReassignmentRatio;
        double total = 0;
        foreach (var n in _counts)
        {
            total += n;
        }

        if (ratio == 0 || !(total > 0) || candidates.Count == 0)
        {
            return [];
        }

        var threshold = ratio * total / K;
        var starved = new List<int>();
        var smallestKept = double.PositiveInfinity;
        for (var c = 0; c < K; c++)
        {
            if (_counts[c] < threshold)
            {
                starved.Add(c);
            }
            else
            {
                smallestKept = Math.Min(smallestKept, _counts[c]);
            }
        }

        if (starved.Count == 0 || starved.Count == K)
        {
            return [];
        }

        var points = Standardized(candidates);
        var nearest = new double[candidates.Count];
        Array.Fill(nearest, double.PositiveInfinity);
        for (var c = 0; c < K; c++)
        {
            if (!starved.Contains(c))
            {
                KMeansPlusPlus.Tighten(points, Dimensions, centres[c], nearest);
            }
        }

        foreach (var c in starved)
        {
            var pick = KMeansPlusPlus.Draw(nearest, random);
            var point = points.AsSpan(pick * Dimensions, Dimensions);
            point.CopyTo(centres.Row(c));
            KMeansPlusPlus.Tighten(points, Dimensions, point, nearest);
            _counts[c] = smallestKept;
        }

        return [.. starved];
    }

    /// <summary>Sampled points in the current standardization (which <see cref="Published"/> only shows after the batch).</summary>
    private double[] Standardized(ReservoirSample<double[]> sample)
    {
        var d = Dimensions;
        var points = new double[sample.Count * d];
        for (var i = 0; i < sample.Count; i++)
        {
            _standardizer.Standardize(sample[i], points.AsSpan(i * d, d));
        }

        return points;
    }

    /// <summary>Keeps the centres in raw units for drift; the first centres seeded are the first reference.</summary>
    private void Remember(bool seeded)
    {
        var d = Dimensions;
        var raw = new double[K * d];
        for (var c = 0; c < K; c++)
        {
            CentreInRawUnits(c, raw.AsSpan(c * d, d));
        }

        _history.Add(raw);
        while (_history.Count > _options.DriftWindow + 1)
        {
            _history.RemoveAt(0);
        }

        if (seeded)
        {
            MarkReference();
        }
    }

    /// <summary>Per centre, the distance between two raw-unit positions in units of the current scales.</summary>
    private double[] Distances(double[] from, double[] to)
    {
        if (to.Length == 0)
        {
            return [];
        }

        var d = Dimensions;
        var scale = Published.Scale;
        var distances = new double[K];
        for (var c = 0; c < K; c++)
        {
            double sum = 0;
            for (var j = 0; j < d; j++)
            {
                var diff = (from[(c * d) + j] - to[(c * d) + j]) / scale[j];
                sum += diff * diff;
            }

            distances[c] = Math.Sqrt(sum);
        }

        return distances;
    }

    private PublishedSegments Publish()
    {
        Span<double> scale = stackalloc double[Dimensions];
        _standardizer.CopyScales(scale);
        return new PublishedSegments(Version, _standardizer.Mean, scale, _centres is null ? [] : _centres.Values);
    }

    private static void Reexpress(Span<double> centres, ReadOnlySpan<double> oldMean, ReadOnlySpan<double> oldScale, ReadOnlySpan<double> mean, ReadOnlySpan<double> scale)
    {
        var d = mean.Length;
        for (var i = 0; i < centres.Length; i++)
        {
            var j = i % d;
            centres[i] = ((centres[i] * oldScale[j]) + oldMean[j] - mean[j]) / scale[j];
        }
    }

    /// <summary>A generator seed from the options' seed and the version (SplitMix64's finaliser).</summary>
    private static int Mix(int seed, long version)
    {
        unchecked
        {
            var z = ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) + (ulong)version + 0x632BE59BD9B4E019UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (int)(z ^ (z >> 31));
        }
    }
}
