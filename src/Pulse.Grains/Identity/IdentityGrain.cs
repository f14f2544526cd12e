using Microsoft.Extensions.Logging;
using Orleans.Placement;
using Pulse.Contracts.Identity;

namespace Pulse.Grains.Identity;

/// <summary>
/// One identifier (key <c>{type}:{keyed value}</c>, already hashed for email and phone): the customer it
/// belongs to and its latest claims. A claim never takes an identifier from its owner; that is a merge.
/// </summary>
/// <remarks>
/// Random placement, as customers: identifiers are many and equal. Kept in the customers storage, beside
/// the customers they point at. Only claims that change something are written: a repeated claim by the
/// owner (every event of a logged-in customer) costs no write.
/// </remarks>
[RandomPlacement]
public sealed partial class IdentityGrain(
    [PersistentState("identity", PulseStorage.Customers)] IPersistentState<IdentityState> state,
    TimeProvider time,
    ILogger<IdentityGrain> logger) : Grain, IIdentityGrain
{
    /// <summary>Claims kept per identifier: enough to see where it came from, bounded against a noisy caller.</summary>
    public const int HistoryLength = 20;

    public Task<IdentityOwner?> GetOwnerAsync() => Task.FromResult(state.State.Owner);

    public async Task<ClaimOutcome> ClaimAsync(string customerId, bool verified, string how)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentNullException.ThrowIfNull(how);
        var now = time.GetUtcNow();
        var owner = state.State.Owner;
        if (owner is null)
        {
            owner = new IdentityOwner(customerId, verified, now, how);
            state.State.Owner = owner;
            await RecordAsync(new(customerId, verified, now, how, ClaimStatus.Joined));
            LogJoined(this.GetPrimaryKeyString(), customerId, verified);
            return new(ClaimStatus.Joined, owner);
        }

        if (string.Equals(owner.CustomerId, customerId, StringComparison.Ordinal))
        {
            // The owner verifying what it had only claimed makes the identifier verified; nothing else changes.
            if (verified && !owner.Verified)
            {
                owner = owner with { Verified = true };
                state.State.Owner = owner;
                await RecordAsync(new(customerId, verified, now, how, ClaimStatus.AlreadyOwned));
            }

            return new(ClaimStatus.AlreadyOwned, owner);
        }

        // Left where it is: joining the two customers is a merge (docs/identity.md), which the caller asks for.
        // The refusal is kept once per claimant in a row: a logged-in customer's every event carries the same
        // cookie, and each would otherwise cost a write.
        var last = state.State.History.Count > 0 ? state.State.History[^1] : null;
        if (last is not { Status: ClaimStatus.OwnedByOther } || last.CustomerId != customerId)
        {
            await RecordAsync(new(customerId, verified, now, how, ClaimStatus.OwnedByOther));
            LogRefused(this.GetPrimaryKeyString(), customerId, owner.CustomerId);
        }

        return new(ClaimStatus.OwnedByOther, owner);
    }

    private async Task RecordAsync(IdentityClaim claim)
    {
        var history = state.State.History;
        history.Add(claim);
        if (history.Count > HistoryLength)
        {
            history.RemoveRange(0, history.Count - HistoryLength);
        }

        await state.WriteStateAsync();
    }

    // The grain key is safe to log: emails and phone numbers are hashed in it.
    [LoggerMessage(Level = LogLevel.Information, Message = "Identifier {Identifier} joined customer {CustomerId} (verified {Verified})")]
    private partial void LogJoined(string identifier, string customerId, bool verified);

    [LoggerMessage(Level = LogLevel.Information, Message = "Identifier {Identifier} stays with customer {OwnerId}: claimed by {CustomerId}")]
    private partial void LogRefused(string identifier, string customerId, string ownerId);
}
