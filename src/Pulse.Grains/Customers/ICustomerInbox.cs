using Pulse.Contracts.Interactions;

namespace Pulse.Grains.Customers;

/// <summary>Cluster-internal: where delivery hands a customer its logged interactions.</summary>
[Alias("pulse.ICustomerInbox")]
public interface ICustomerInbox : IGrainWithStringKey
{
    /// <summary>Applies each interaction not applied yet (by event id); returns once they are applied.</summary>
    [Alias("DeliverAsync")]
    Task DeliverAsync(IReadOnlyList<Interaction> interactions);

    /// <summary>
    /// Re-assesses churn risk and segment after a delivery: a message the customer sends itself, so the
    /// delivery does not wait for the scoring (several deliveries in a row are scored once).
    /// </summary>
    [Orleans.Concurrency.OneWay, Alias("RescoreAsync")]
    Task RescoreAsync();

    /// <summary>The customer's influence, community and neighbourhood, from its graph shard when they changed.</summary>
    [Orleans.Concurrency.OneWay, Alias("UpdateNetworkAsync")]
    Task UpdateNetworkAsync(Pulse.Contracts.Graph.CustomerNetwork network);

    /// <summary>
    /// On the survivor: merges <paramref name="absorbedId"/> (with the customers merged into it) into this customer,
    /// which rebuilds from every history it holds. Idempotent. Called by <see cref="Merges.CustomerMergesGrain"/> only,
    /// one merge at a time cluster-wide, so two customers never wait on each other. Answers the absorbed ids after it.
    /// </summary>
    [Alias("AbsorbAsync")]
    Task<IReadOnlyList<string>> AbsorbAsync(string absorbedId, Pulse.Contracts.Merges.MergeRecord record);

    /// <summary>On the survivor: undoes the merge of <paramref name="absorbedId"/>, which takes back the customers it brought.</summary>
    [Alias("ReleaseAbsorbedAsync")]
    Task<IReadOnlyList<string>> ReleaseAbsorbedAsync(string absorbedId, Pulse.Contracts.Merges.MergeRecord record);

    /// <summary>
    /// On the absorbed customer: marks it absorbed into <paramref name="survivorId"/> (persisted before it returns),
    /// clears its features and scores, and from then on forwards what it is delivered. Answers the ids merged into
    /// it, which come along. Idempotent for the same survivor; refused (ArgumentException) when absorbed elsewhere.
    /// </summary>
    [Alias("AbsorbIntoAsync")]
    Task<IReadOnlyList<string>> AbsorbIntoAsync(string survivorId, Pulse.Contracts.Merges.MergeRecord record);

    /// <summary>Undoes <see cref="AbsorbIntoAsync"/>: stops forwarding and rebuilds from its own log and its own absorbed ids'. Idempotent.</summary>
    /// <remarks>
    /// Always interleaves: the survivor calls it from its unmerge while this customer may be waiting on the
    /// survivor to take a forwarded delivery; without interleaving the two would wait on each other.
    /// </remarks>
    [Orleans.Concurrency.AlwaysInterleave, Alias("ReleaseAsync")]
    Task ReleaseAsync(string survivorId, Pulse.Contracts.Merges.MergeRecord record);
}
