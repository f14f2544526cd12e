using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pulse.Analytics.Triggers;

/// <summary>
/// A rule fired for a customer: what to deliver, and why.
/// </summary>
/// <param name="Sequence">The rule's firing number for this customer (1, 2, ...), from its <see cref="TriggerState"/>.</param>
/// <param name="IdempotencyKey">The same for the same firing replayed from the same state (see <see cref="KeyFor"/>); receivers deduplicate on it.</param>
/// <param name="Reasons">The leaf conditions that made the rule true.</param>
/// <param name="Why">The reasons in one sentence: "churn.probability 0.74 above 0.7; clv.value 812 above 500".</param>
public sealed record TriggerFiring(
    string RuleId,
    long RuleVersion,
    string CustomerId,
    DateTimeOffset At,
    long Sequence,
    string IdempotencyKey,
    TriggerCategory Category,
    int Priority,
    IReadOnlyList<TriggerReason> Reasons,
    string Why)
{
    /// <summary>
    /// The first 128 bits of SHA-256 over <c>ruleId|version|customerId|sequence</c> (UTF-8), as 32 lower-case
    /// hex digits. Unambiguous although a customer id may hold '|': the rule id cannot, and the two numbers are last.
    /// </summary>
    public static string KeyFor(string ruleId, long ruleVersion, string customerId, long sequence)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(customerId);
        var text = string.Create(CultureInfo.InvariantCulture, $"{ruleId}|{ruleVersion}|{customerId}|{sequence}");
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
