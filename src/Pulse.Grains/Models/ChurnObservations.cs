using Pulse.Analytics.Churn;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Models;
using Pulse.Grains.Customers;

namespace Pulse.Grains.Models;

/// <summary>
/// Point-in-time training rows for the churn model. A customer's history is replayed in event-time
/// order through the same <see cref="CustomerFeatures"/> a live customer grain keeps, and a row is
/// taken at each cut-off from what was applied so far: only events stamped before the cut-off, so
/// nothing the model is asked to predict leaks into what it learns from.
/// </summary>
public static class ChurnObservations
{
    /// <summary>Rows of one customer at each cut-off (ascending) where they were eligible: had bought (or interacted) before it.</summary>
    public static List<ChurnObservation> AtCutOffs(
        string customerId,
        IEnumerable<Interaction> history,
        IReadOnlyList<DateTimeOffset> cutOffs,
        ChurnLabel label,
        TimeSpan horizon,
        Func<Interaction, Interaction>? score = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(cutOffs);
        if (label == ChurnLabel.Attribute)
        {
            throw new ArgumentException("Rows at cut-offs are for behaviour labels; use AtEnd for an attribute label.", nameof(label));
        }

        var ordered = history.OrderBy(i => i.Timestamp).ThenBy(i => i.Position).ToArray();
        var features = new CustomerFeatures();
        var rows = new List<ChurnObservation>(cutOffs.Count);
        var next = 0;
        foreach (var cutOff in cutOffs)
        {
            while (next < ordered.Length && ordered[next].Timestamp < cutOff)
            {
                features.TryApply(ordered[next], score);
                next++;
            }

            var eligible = label == ChurnLabel.NoPurchase ? features.HasPurchased : features.LastSeen is not null;
            if (!eligible)
            {
                continue;
            }

            var end = cutOff + horizon;
            var active = false;
            for (var i = next; i < ordered.Length && ordered[i].Timestamp < end; i++)
            {
                if (label == ChurnLabel.NoPurchase ? ordered[i].Kind == InteractionKind.Purchase : !InteractionRules.IsAdministrative(ordered[i].Kind))
                {
                    active = true;
                    break;
                }
            }

            rows.Add(new ChurnObservation(customerId, cutOff, features.ChurnBehaviour(cutOff), Snapshot(features.Attributes), !active));
        }

        return rows;
    }

    /// <summary>
    /// The row of a customer whose churn an attribute records (a CRM flag), with everything applied up to
    /// <paramref name="asOf"/>; null when the customer lacks the attribute. The label attribute itself is
    /// left out of the row's attributes.
    /// </summary>
    public static ChurnObservation? AtEnd(
        string customerId,
        IEnumerable<Interaction> history,
        DateTimeOffset asOf,
        string labelAttribute,
        string positiveValue,
        Func<Interaction, Interaction>? score = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        var features = new CustomerFeatures();
        foreach (var interaction in history.Where(i => i.Timestamp <= asOf).OrderBy(i => i.Timestamp).ThenBy(i => i.Position))
        {
            features.TryApply(interaction, score);
        }

        if (!features.Attributes.TryGetValue(labelAttribute, out var value))
        {
            return null;
        }

        var attributes = Snapshot(features.Attributes);
        attributes.Remove(labelAttribute);
        return new ChurnObservation(customerId, asOf, features.ChurnBehaviour(asOf), attributes, string.Equals(value.Trim(), positiveValue, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Cut-offs ending at <paramref name="last"/>, <paramref name="spacing"/> apart, oldest first.</summary>
    public static IReadOnlyList<DateTimeOffset> CutOffs(DateTimeOffset last, TimeSpan spacing, int count) =>
        [.. Enumerable.Range(0, count).Select(i => last - spacing * (count - 1 - i))];

    private static Dictionary<string, string> Snapshot(IReadOnlyDictionary<string, string> attributes) =>
        new(attributes, StringComparer.Ordinal);
}
