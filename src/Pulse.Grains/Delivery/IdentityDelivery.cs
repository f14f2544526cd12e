using Microsoft.Extensions.Logging;
using Pulse.Contracts.Identity;
using Pulse.Contracts.Interactions;
using Pulse.Contracts.Merges;

namespace Pulse.Grains.Delivery;

/// <summary>
/// Claims the identifiers a log page's interactions carry for their customers, before the customers are handed
/// the page (docs/identity.md). A claim that meets another customer joins the two when a rule says the identifier
/// proves one person: an account or CRM id, a verified email, or a device a customer verifiably logged in on.
/// Runs in log order, one interaction at a time, so two events racing for a new identifier resolve the same way
/// on every replay; pages without identifiers (nearly all) cost a loop over them. Everything here is idempotent:
/// a page handed over again after a crash claims and merges again to the same end.
/// </summary>
public sealed partial class IdentityDelivery(IGrainFactory grains, ILogger<IdentityDelivery> logger)
{
    public async Task ClaimAsync(IReadOnlyList<Interaction> interactions, CancellationToken cancellationToken)
    {
        foreach (var interaction in interactions)
        {
            if (interaction.Identities is not { Count: > 0 } identities)
            {
                continue;
            }

            foreach (var identity in identities)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await ClaimAsync(interaction, identity);
            }
        }
    }

    private async Task ClaimAsync(Interaction interaction, InteractionIdentity identity)
    {
        var key = identity.Key;
        var outcome = await grains.GetGrain<IIdentityGrain>(key.GrainKey).ClaimAsync(interaction.CustomerId, identity.Verified, $"event {interaction.EventId}");
        if (outcome.Status != ClaimStatus.OwnedByOther || MergeRules.Of(key.Type, identity.Verified, outcome.Owner.Verified) is not { } rule)
        {
            return;
        }

        var owner = outcome.Owner.CustomerId;
        var (survivor, absorbed) = rule == MergeRule.ClaimantSurvives ? (interaction.CustomerId, owner) : (owner, interaction.CustomerId);

        // A customer whose id is the account (or CRM) id itself is that account's customer, whichever event claimed
        // the identifier first: the survivor must not depend on which partition delivery reached first.
        if (key.Type is IdentifierType.Account or IdentifierType.Crm && absorbed == key.Value)
        {
            (survivor, absorbed) = (absorbed, survivor);
        }

        // A device joins the first customer to log in on it. Once the anonymous side's history belongs to someone (it
        // was merged, or holds others), a login by another person on the same computer is a shared device, not one person.
        if (key.Type == IdentifierType.Device && !await IsAnonymousAsync(absorbed))
        {
            if (await ForwardingChain.ResolveAsync(grains, survivor) != await ForwardingChain.ResolveAsync(grains, absorbed))
            {
                LogSharedDevice(survivor, absorbed);
            }

            return;
        }

        // Every later event of a joined customer carries the same identifier: when both already lead to one
        // customer, the merges grain is not asked again.
        if (await ForwardingChain.ResolveAsync(grains, survivor) == await ForwardingChain.ResolveAsync(grains, absorbed))
        {
            return;
        }

        var merged = await grains.GetGrain<ICustomerMergesGrain>(0).MergeAsync(survivor, absorbed, $"deterministic: {key.TypeName} identifier on event {interaction.EventId}", deterministic: true);
        if (merged.Status == MergeStatus.Refused)
        {
            LogNotMerged(key.TypeName, survivor, absorbed, merged.Problem ?? "");
        }
    }

    /// <summary>Neither merged into another customer nor holding any: a history known only by its device.</summary>
    private async Task<bool> IsAnonymousAsync(string customerId)
    {
        var customer = grains.GetGrain<Pulse.Contracts.Customers.ICustomerGrain>(customerId);
        return await customer.GetAbsorbedIntoAsync() is null && (await customer.GetAbsorbedIdsAsync()).Count == 0;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{CustomerId} logged in on a device whose history, {DeviceCustomerId}, already belongs to a known customer: a shared device, not merged")]
    private partial void LogSharedDevice(string customerId, string deviceCustomerId);

    // Ids only: the identifier's value may be a hash of an email, and the merge record carries the event.
    [LoggerMessage(Level = LogLevel.Information, Message = "A {Type} identifier links {SurvivorId} and {AbsorbedId}, not merged: {Problem}")]
    private partial void LogNotMerged(string type, string survivorId, string absorbedId, string problem);
}
