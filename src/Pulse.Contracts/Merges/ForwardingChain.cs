using Pulse.Contracts.Customers;

namespace Pulse.Contracts.Merges;

/// <summary>Follows an absorbed customer's forwarding to the customer that holds its history now.</summary>
public static class ForwardingChain
{
    /// <summary>Longer chains than this mean a fault (merges flatten into one survivor), not a customer.</summary>
    public const int MaxLength = 64;

    /// <summary><paramref name="customerId"/> itself when it is not absorbed, otherwise the end of its chain.</summary>
    public static async Task<string> ResolveAsync(IGrainFactory grains, string customerId)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var current = customerId;
        for (var step = 0; step < MaxLength; step++)
        {
            var next = await grains.GetGrain<ICustomerGrain>(current).GetAbsorbedIntoAsync();
            if (next is null)
            {
                return current;
            }

            current = next;
        }

        throw new InvalidOperationException($"The forwarding chain from {customerId} is longer than {MaxLength} steps.");
    }
}
