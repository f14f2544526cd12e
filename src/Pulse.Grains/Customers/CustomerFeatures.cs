using Pulse.Analytics.Churn;
using Pulse.Analytics.Features;
using Pulse.Analytics.Rfm;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Customers;

/// <summary>
/// The live feature vector of one customer: decayed counts and amounts per channel and kind (half-lives
/// 7, 30 and 90 days in event time), the purchase days behind the RFM summary, the decayed tone of what
/// they said, their recent complaints, their static attributes, the latest interactions, and the memory
/// of applied event ids. Plain code, so it is unit-tested and benchmarked without a silo; the churn
/// model's training rows are built by replaying history through this same class, so training and live
/// scoring see the same features.
/// </summary>
public sealed class CustomerFeatures
{
    public static readonly double[] HalfLivesDays = [7, 30, 90];

    private static readonly int ChannelCount = Enum.GetValues<Channel>().Length;
    public static readonly double[] SentimentHalfLivesDays = [7, 30];

    // Profile updates are not behaviour: they have no counters (and the counter layout predates them).
    private static readonly int KindCount = (int)InteractionKind.ProfileUpdate;
    private static readonly long ComplaintWindowTicks = TimeSpan.FromDays(30).Ticks;
    private static readonly int CategoryCount = ChannelCount + KindCount;
    private static readonly (string Count, string Amount)[][] Names = BuildNames();

    private readonly DecayedCounters _counters;
    private readonly PurchaseHistory _purchases;
    private readonly RecentInteractions _recent;
    private readonly SeenEvents _seen;
    private readonly DecayedCounters _sentiment;
    private readonly List<long> _complaintTicks;
    private readonly Dictionary<string, string> _attributes;

    private CustomerFeatures(DecayedCounters counters, PurchaseHistory purchases, RecentInteractions recent, SeenEvents seen, DecayedCounters sentiment, List<long> complaintTicks, Dictionary<string, string> attributes)
    {
        _counters = counters;
        _purchases = purchases;
        _recent = recent;
        _seen = seen;
        _sentiment = sentiment;
        _complaintTicks = complaintTicks;
        _attributes = attributes;
    }

    public CustomerFeatures()
        : this(
            new DecayedCounters(CategoryCount, HalfLivesDays),
            new PurchaseHistory(),
            new RecentInteractions(),
            new SeenEvents(),
            new DecayedCounters(1, SentimentHalfLivesDays),
            [],
            new Dictionary<string, string>(StringComparer.Ordinal))
    {
    }

    /// <summary>Static attributes from profile updates, latest value of each.</summary>
    public IReadOnlyDictionary<string, string> Attributes => _attributes;

    public double? LastSentiment { get; private set; }

    public DateTimeOffset? LastSentimentAt { get; private set; }

    public long AppliedCount { get; private set; }

    public long LastPosition { get; private set; }

    public DateTimeOffset? FirstSeen { get; private set; }

    public DateTimeOffset? LastSeen { get; private set; }

    public decimal TotalSpend { get; private set; }

    public decimal TotalRefunds { get; private set; }

    /// <summary>Where a replay of the log must start to find anything this customer may have missed.</summary>
    public long ReplayAfter => Math.Max(0, (_seen.OldestPosition is > 0 and var oldest ? oldest : LastPosition + 1) - 1);

    /// <summary>True once a purchase was applied.</summary>
    public bool HasPurchased => _purchases.DayCount > 0;

    /// <summary>True once any interaction was applied.</summary>
    public bool Exists => AppliedCount > 0;

    /// <summary>Applies an interaction unless it was applied before. Returns whether it was applied.</summary>
    /// <remarks>
    /// <paramref name="enrich"/> (sentiment scoring) runs only for an interaction that is applied, not for
    /// the duplicates redelivery and replay bring.
    /// </remarks>
    public bool TryApply(Interaction interaction, Func<Interaction, Interaction>? enrich = null)
    {
        if (_seen.CheckAndAdd(interaction.EventId, interaction.Position))
        {
            return false;
        }

        if (enrich is not null)
        {
            interaction = enrich(interaction);
        }

        AppliedCount++;
        LastPosition = Math.Max(LastPosition, interaction.Position);
        _recent.Add(interaction);
        if (interaction.Kind == InteractionKind.ProfileUpdate)
        {
            ApplyAttributes(interaction);
            return true;
        }

        if (InteractionRules.IsAdministrative(interaction.Kind))
        {
            return true;
        }

        var ticks = interaction.Timestamp.UtcTicks;
        var amount = interaction.Amount ?? 0m;
        _counters.Add(ticks, (int)interaction.Channel, ChannelCount + (int)interaction.Kind, (double)amount);

        switch (interaction.Kind)
        {
            case InteractionKind.Purchase:
                _purchases.Add(DateOnly.FromDateTime(interaction.Timestamp.UtcDateTime), amount);
                TotalSpend += amount;
                break;
            case InteractionKind.Refund:
                TotalRefunds += amount;
                break;
            case InteractionKind.Complaint:
                AddComplaint(ticks);
                break;
        }

        if (interaction.Sentiment is { } score && double.IsFinite(score))
        {
            _sentiment.Add(ticks, 0, Math.Clamp(score, -1, 1));
            if (LastSentimentAt is null || interaction.Timestamp >= LastSentimentAt)
            {
                LastSentiment = score;
                LastSentimentAt = interaction.Timestamp;
            }
        }

        if (FirstSeen is null || interaction.Timestamp < FirstSeen)
        {
            FirstSeen = interaction.Timestamp;
        }

        if (LastSeen is null || interaction.Timestamp > LastSeen)
        {
            LastSeen = interaction.Timestamp;
        }

        return true;
    }

    /// <summary>
    /// The churn model's behaviour inputs as of <paramref name="asOf"/>, in <see cref="BehaviourFeature"/>
    /// order. Only what was applied counts: for a training row, only events before its cut-off.
    /// </summary>
    public double[] ChurnBehaviour(DateTimeOffset asOf)
    {
        var features = new double[BehaviourFeatures.Count];
        var ticks = asOf.UtcTicks;
        var day = DateOnly.FromDateTime(asOf.UtcDateTime);
        var rfm = _purchases.Summarize(day);
        const int Week = 0, Month = 1, Quarter = 2;
        var purchase = ChannelCount + (int)InteractionKind.Purchase;

        features[(int)BehaviourFeature.DaysSinceLastInteraction] = LastSeen is { } last ? Math.Max(0, (asOf - last).TotalDays) : BehaviourFeatures.Never;
        features[(int)BehaviourFeature.DaysSinceLastPurchase] = rfm.FirstPurchaseDay is { } first
            ? Math.Max(0, day.DayNumber - (first.DayNumber + rfm.RecencyDays))
            : BehaviourFeatures.Never;
        features[(int)BehaviourFeature.TenureDays] = FirstSeen is { } since ? Math.Max(0, (asOf - since).TotalDays) : 0;
        features[(int)BehaviourFeature.RepeatPurchases] = rfm.Frequency;
        features[(int)BehaviourFeature.MeanSpend] = (double)rfm.MonetaryValue;
        features[(int)BehaviourFeature.Purchases30Days] = _counters.Count(purchase, Month, ticks);
        features[(int)BehaviourFeature.Purchases90Days] = _counters.Count(purchase, Quarter, ticks);
        features[(int)BehaviourFeature.Spend90Days] = _counters.Sum(purchase, Quarter, ticks);
        features[(int)BehaviourFeature.Interactions7Days] = Interactions(Week, ticks);
        features[(int)BehaviourFeature.Interactions30Days] = Interactions(Month, ticks);
        features[(int)BehaviourFeature.Interactions90Days] = Interactions(Quarter, ticks);
        features[(int)BehaviourFeature.WebVisits30Days] = _counters.Count((int)Channel.Web, Month, ticks);
        features[(int)BehaviourFeature.Calls30Days] = _counters.Count(ChannelCount + (int)InteractionKind.Call, Month, ticks);
        features[(int)BehaviourFeature.Complaints7Days] = ComplaintsWithin(ticks, TimeSpan.FromDays(7).Ticks);
        features[(int)BehaviourFeature.Complaints30Days] = ComplaintsWithin(ticks, ComplaintWindowTicks);
        features[(int)BehaviourFeature.Refunds90Days] = _counters.Count(ChannelCount + (int)InteractionKind.Refund, Quarter, ticks);
        var (level, monthLevel, texts) = SentimentLevels(ticks);
        features[(int)BehaviourFeature.SentimentLevel] = level;
        features[(int)BehaviourFeature.SentimentTrend] = level - monthLevel;
        features[(int)BehaviourFeature.TextsScored30Days] = texts;
        return features;
    }

    /// <summary>The tone of what the customer said as of <paramref name="asOf"/>; null before anything was scored.</summary>
    public CustomerSentiment? SentimentAsOf(DateTimeOffset asOf)
    {
        if (LastSentiment is not { } last || LastSentimentAt is not { } lastAt)
        {
            return null;
        }

        var (level, monthLevel, texts) = SentimentLevels(asOf.UtcTicks);
        return new CustomerSentiment(level, monthLevel, level - monthLevel, texts, last, lastAt);
    }

    /// <summary>
    /// The names of the decayed counts and amounts, in the order <see cref="FillCounterFacts"/> writes them:
    /// per channel then kind, per half-life, the count then the amount (<c>kind.complaint.count.7d</c>).
    /// </summary>
    public static IReadOnlyList<string> CounterFactNames { get; } = [.. Names.SelectMany(c => c.SelectMany(n => new[] { n.Count, n.Amount }))];

    /// <summary>The decayed counts and amounts as of <paramref name="asOf"/>, in <see cref="CounterFactNames"/> order, allocating nothing.</summary>
    public void FillCounterFacts(Span<double> values, DateTimeOffset asOf)
    {
        var ticks = asOf.UtcTicks;
        var i = 0;
        for (var c = 0; c < CategoryCount; c++)
        {
            for (var h = 0; h < HalfLivesDays.Length; h++)
            {
                values[i++] = _counters.Count(c, h, ticks);
                values[i++] = _counters.Sum(c, h, ticks);
            }
        }
    }

    /// <summary>The decayed features as of <paramref name="asOf"/>, by name.</summary>
    public IReadOnlyDictionary<string, double> FeaturesAsOf(DateTimeOffset asOf)
    {
        var ticks = asOf.UtcTicks;
        var features = new Dictionary<string, double>(CategoryCount * HalfLivesDays.Length * 2, StringComparer.Ordinal);
        for (var c = 0; c < CategoryCount; c++)
        {
            for (var h = 0; h < HalfLivesDays.Length; h++)
            {
                var (countName, amountName) = Names[c][h];
                features[countName] = _counters.Count(c, h, ticks);
                features[amountName] = _counters.Sum(c, h, ticks);
            }
        }

        return features;
    }

    /// <summary>The RFM summary observed at the end of <paramref name="asOf"/>'s UTC day.</summary>
    public RfmSummary RfmAsOf(DateTimeOffset asOf) => _purchases.Summarize(DateOnly.FromDateTime(asOf.UtcDateTime));

    /// <summary>The profile a reader sees.</summary>
    public CustomerProfile ToProfile(string customerId, DateTimeOffset asOf)
    {
        var rfm = RfmAsOf(asOf);
        return new CustomerProfile(
            customerId,
            asOf,
            FirstSeen ?? asOf,
            LastSeen ?? asOf,
            AppliedCount,
            LastPosition,
            FeaturesAsOf(asOf),
            new RfmView(rfm.Frequency, rfm.RecencyDays, rfm.AgeDays, rfm.MonetaryValue, rfm.FirstPurchaseDay, TotalSpend, TotalRefunds),
            Sentiment: SentimentAsOf(asOf),
            Attributes: _attributes.Count == 0 ? null : new Dictionary<string, string>(_attributes, StringComparer.Ordinal));
    }

    public IReadOnlyList<Interaction> RecentNewestFirst() => _recent.NewestFirst();

    private double Interactions(int halfLifeIndex, long ticks)
    {
        // Every behaviour event counts in exactly one channel.
        double total = 0;
        for (var c = 0; c < ChannelCount; c++)
        {
            total += _counters.Count(c, halfLifeIndex, ticks);
        }

        return total;
    }

    private (double Level, double MonthLevel, double Texts) SentimentLevels(long ticks)
    {
        if (_sentiment.IsEmpty)
        {
            return (0, 0, 0);
        }

        static double Mean(double sum, double count) => count > 1e-12 ? sum / count : 0;
        var level = Mean(_sentiment.Sum(0, 0, ticks), _sentiment.Count(0, 0, ticks));
        var monthCount = _sentiment.Count(0, 1, ticks);
        return (level, Mean(_sentiment.Sum(0, 1, ticks), monthCount), monthCount);
    }

    private void AddComplaint(long ticks)
    {
        var at = _complaintTicks.BinarySearch(ticks);
        _complaintTicks.Insert(at < 0 ? ~at : at, ticks);

        // Only the last 30 days matter to any window; older complaints live on in the decayed counters.
        var horizon = _complaintTicks[^1] - ComplaintWindowTicks;
        var stale = 0;
        while (stale < _complaintTicks.Count && _complaintTicks[stale] < horizon)
        {
            stale++;
        }

        _complaintTicks.RemoveRange(0, stale);
    }

    private int ComplaintsWithin(long asOfTicks, long windowTicks)
    {
        var count = 0;
        foreach (var t in _complaintTicks)
        {
            count += t <= asOfTicks && t > asOfTicks - windowTicks ? 1 : 0;
        }

        return count;
    }

    private void ApplyAttributes(Interaction interaction)
    {
        if (interaction.Properties is null)
        {
            return;
        }

        // An empty value clears the attribute.
        foreach (var (name, value) in interaction.Properties)
        {
            if (string.IsNullOrEmpty(value))
            {
                _attributes.Remove(name);
            }
            else
            {
                _attributes[name] = value;
            }
        }
    }

    /// <summary>Writes everything needed to resume into a checkpoint.</summary>
    public void SaveTo(CustomerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        state.AppliedCount = AppliedCount;
        state.LastPosition = LastPosition;
        state.FirstSeen = FirstSeen;
        state.LastSeen = LastSeen;
        state.TotalSpend = TotalSpend;
        state.TotalRefunds = TotalRefunds;
        state.FeatureReferenceTicks = _counters.ReferenceTicks;
        // Reuse the checkpoint's arrays where the shape allows: checkpoints are frequent, garbage is not free.
        if (state.FeatureValues.Length != _counters.RawValues.Length)
        {
            state.FeatureValues = new double[_counters.RawValues.Length];
        }

        _counters.RawValues.CopyTo(state.FeatureValues);
        state.PurchaseDays = [.. _purchases.Days];
        state.PurchaseAmounts = [.. _purchases.Amounts];
        state.Recent = _recent.Snapshot();
        (state.SeenEventHashes, state.SeenEventPositions) = _seen.Snapshot();
        state.SentimentReferenceTicks = _sentiment.ReferenceTicks;
        state.SentimentValues = _sentiment.RawValues.ToArray();
        state.LastSentiment = LastSentiment;
        state.LastSentimentAt = LastSentimentAt;
        state.ComplaintTicks = [.. _complaintTicks];
        state.Attributes = new Dictionary<string, string>(_attributes, StringComparer.Ordinal);
    }

    /// <summary>Resumes from a checkpoint (an empty one gives a new customer).</summary>
    public static CustomerFeatures Restore(CustomerState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var counters = new DecayedCounters(CategoryCount, HalfLivesDays);
        if (state.FeatureValues.Length > 0)
        {
            counters.Restore(state.FeatureReferenceTicks, state.FeatureValues);
        }

        var recent = new RecentInteractions();
        foreach (var interaction in state.Recent)
        {
            recent.Add(interaction);
        }

        var sentiment = new DecayedCounters(1, SentimentHalfLivesDays);
        if (state.SentimentValues.Length > 0)
        {
            sentiment.Restore(state.SentimentReferenceTicks, state.SentimentValues);
        }

        return new CustomerFeatures(
            counters,
            PurchaseHistory.Restore(state.PurchaseDays, state.PurchaseAmounts),
            recent,
            SeenEvents.Restore(state.SeenEventHashes, state.SeenEventPositions),
            sentiment,
            [.. state.ComplaintTicks],
            new Dictionary<string, string>(state.Attributes ?? [], StringComparer.Ordinal))
        {
            LastSentiment = state.LastSentiment,
            LastSentimentAt = state.LastSentimentAt,
            AppliedCount = state.AppliedCount,
            LastPosition = state.LastPosition,
            FirstSeen = state.FirstSeen,
            LastSeen = state.LastSeen,
            TotalSpend = state.TotalSpend,
            TotalRefunds = state.TotalRefunds,
        };
    }

    private static (string, string)[][] BuildNames()
    {
        var labels = HalfLivesDays.Select(h => $"{h:0}d").ToArray();
        var categories = WireNames.Channels.Select(n => $"channel.{n}")
            .Concat(WireNames.Kinds.Take(KindCount).Select(n => $"kind.{n}"))
            .ToArray();
        return categories
            .Select(c => labels.Select(l => ($"{c}.count.{l}", $"{c}.amount.{l}")).ToArray())
            .ToArray();
    }
}
