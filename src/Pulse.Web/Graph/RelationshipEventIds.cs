using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Pulse.Contracts.Interactions;

namespace Pulse.Web.Graph;

/// <summary>
/// The event id of a <c>relationship-end</c> posted by <c>DELETE /api/v1/customers/{id}/relationships/{counterpartyId}</c>.
/// Deterministic in the request and its second, so a retried DELETE within the same second is a duplicate
/// in the interaction log rather than a second event.
/// </summary>
public static class RelationshipEventIds
{
    private const string Prefix = "relationship-end:";

    /// <summary>
    /// <c>relationship-end:{id}:{counterpartyId}:{relationship|all}:{unix seconds}</c>, the ids percent-escaped
    /// (so a ':' inside an id cannot make two requests share an id). When that is longer than an event id may
    /// be, <c>relationship-end:sha256-{hex}:{relationship|all}:{unix seconds}</c> over the two ids instead.
    /// </summary>
    public static string Of(string customerId, string counterpartyId, string? relationship, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(counterpartyId);
        var tail = $":{relationship ?? "all"}:{at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}";
        var readable = $"{Prefix}{Uri.EscapeDataString(customerId)}:{Uri.EscapeDataString(counterpartyId)}{tail}";
        if (readable.Length <= InteractionLimits.MaxIdLength)
        {
            return readable;
        }

        // Ids hold no control characters, so a newline separates them unambiguously.
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{customerId}\n{counterpartyId}"));
        return $"{Prefix}sha256-{Convert.ToHexStringLower(hash)}{tail}";
    }
}
