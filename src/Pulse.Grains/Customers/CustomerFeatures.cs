using Pulse.Analytics.Features;
using Pulse.Analytics.Rfm;
using Pulse.Contracts.Customers;
using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Customers;

/// <summary>
/// The live feature vector of one customer: decayed counts and amounts per channel and kind (half-lives
/// 7, 30 and 90 days in event time), the purchase days behind the RFM summary, the latest interactions,
/// and the memory of applied event ids. Plain code, so it is unit-tested and benchmarked without a silo.
/// </summary>
public sealed class CustomerFeatures
{
    public static readonly double[] HalfLivesDays = [7, 30, 90];

    private static readonly int ChannelCount = Enum.GetValues<Channel>().Length;
    private static readonly int KindCount = Enum.GetValues<InteractionKind>().Length;
    private static readonly int CategoryCount = ChannelCount + KindCount;
    private static readonly (string Count, string Amount)[][] Names = BuildNames();

    private readonly DecayedCounters _counters;
    private readonly PurchaseHistory _purchases;
    private readonly RecentInteractions _recent;
    private readonly SeenEvents _seen;

    private CustomerFeatures(DecayedCounters counters, PurchaseHistory purchases, RecentInteractions recent, SeenEvents seen)
    {
        _counters = counters;
        _purchases = purchases;
        _recent = recent;
        _seen = seen;
    }

    public CustomerFeatures()
        : this(new DecayedCounters(CategoryCount, HalfLivesDays), new PurchaseHistory(), new RecentInteractions(), new SeenEvents())
    {
    }

    public long AppliedCount { get; private set; }

    public long LastPosition { get; private set; }

    public DateTimeOffset? FirstSeen { get; private set; }

    public DateTimeOffset? LastSeen { get; private set; }

    public decimal TotalSpend { get; private set; }

    public decimal TotalRefunds { get; private set; }

    /// <summary>Where a replay of the log must start to find anything this customer may have missed.</summary>
    public long ReplayAfter => Math.Max(0, (_seen.OldestPosition is > 0 and var oldest ? oldest : LastPosition + 1) - 1);

    /// <summary>True once any interaction was applied.</summary>
    public bool Exists => AppliedCount > 0;

    /// <summary>Applies an interaction unless it was applied before. Returns whether it was applied.</summary>
    public bool TryApply(Interaction interaction)
    {
        if (_seen.CheckAndAdd(interaction.EventId, interaction.Position))
        {
            return false;
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
        }

        _recent.Add(interaction);
        AppliedCount++;
        LastPosition = Math.Max(LastPosition, interaction.Position);
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
            new RfmView(rfm.Frequency, rfm.RecencyDays, rfm.AgeDays, rfm.MonetaryValue, rfm.FirstPurchaseDay, TotalSpend, TotalRefunds));
    }

    public IReadOnlyList<Interaction> RecentNewestFirst() => _recent.NewestFirst();

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

        return new CustomerFeatures(
            counters,
            PurchaseHistory.Restore(state.PurchaseDays, state.PurchaseAmounts),
            recent,
            SeenEvents.Restore(state.SeenEventHashes, state.SeenEventPositions))
        {
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
            .Concat(WireNames.Kinds.Select(n => $"kind.{n}"))
            .ToArray();
        return categories
            .Select(c => labels.Select(l => ($"{c}.count.{l}", $"{c}.amount.{l}")).ToArray())
            .ToArray();
    }
}
