using Pulse.Analytics.Graph;
using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Graph;

/// <summary>One logged interaction's effect on the graph: an edge strengthened, or edges ended.</summary>
/// <param name="From">The customer whose interaction it is.</param>
/// <param name="To">The counterparty.</param>
/// <param name="Kind">The relationship; for an end, null means every kind between the two.</param>
/// <param name="Ticks">Event time (UTC ticks).</param>
/// <param name="End">True when the relationship ended.</param>
/// <param name="Partition">The log partition it was read from.</param>
/// <param name="Transaction">Its cursor in that partition (with <paramref name="Position"/>): a shard applies each once.</param>
/// <param name="Position">Its position in the log.</param>
[GenerateSerializer, Immutable, Alias("pulse.RelationshipChange")]
public sealed record RelationshipChange(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] RelationshipKind? Kind,
    [property: Id(3)] long Ticks,
    [property: Id(4)] bool End,
    [property: Id(5)] int Partition,
    [property: Id(6)] long Transaction,
    [property: Id(7)] long Position)
{
    /// <summary>The change an interaction makes, or null when it names no counterparty.</summary>
    public static RelationshipChange? Of(Interaction interaction, int partition, long transaction)
    {
        if (interaction.CounterpartyId is not { } to || to == interaction.CustomerId)
        {
            return null;
        }

        var end = interaction.Kind == InteractionKind.RelationshipEnd;
        RelationshipKind? kind = end
            ? interaction.Properties?.GetValueOrDefault("relationship") is { } named ? KindNamed(named) : null
            : interaction.Kind switch
            {
                InteractionKind.Referral => RelationshipKind.Referral,
                InteractionKind.Household => RelationshipKind.Household,
                InteractionKind.Mention => RelationshipKind.Mention,
                InteractionKind.Call => RelationshipKind.CallTransfer,
                _ => RelationshipKind.Other,
            };
        return new RelationshipChange(interaction.CustomerId, to, kind, interaction.Timestamp.UtcTicks, end, partition, transaction, interaction.Position);
    }

    /// <summary>The wire name of a relationship kind.</summary>
    public static string NameOf(RelationshipKind kind) => kind switch
    {
        RelationshipKind.Referral => "referral",
        RelationshipKind.Household => "household",
        RelationshipKind.Mention => "mention",
        RelationshipKind.CallTransfer => "call-transfer",
        _ => "other",
    };

    private static RelationshipKind? KindNamed(string name) => name switch
    {
        "referral" => RelationshipKind.Referral,
        "household" => RelationshipKind.Household,
        "mention" => RelationshipKind.Mention,
        "call-transfer" => RelationshipKind.CallTransfer,
        "other" => RelationshipKind.Other,
        _ => null,
    };
}
