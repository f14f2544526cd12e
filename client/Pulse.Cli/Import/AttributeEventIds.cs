using System.Security.Cryptography;
using System.Text;

namespace Pulse.Cli.Import;

/// <summary>
/// Event ids for attribute updates: a hash of the customer, the values set and the import's moment.
/// Retries within one import send the same ids (the server reports duplicates); a later import is new
/// events even where the values repeat, so the latest import always wins (A, then B, then A again
/// ends at A; ids over the values alone would refuse the second A as a duplicate).
/// </summary>
internal static class AttributeEventIds
{
    public const string Prefix = "attributes:";
    private const int HexLength = 24;

    /// <summary>
    /// <c>attributes:</c> and the first 24 hex digits of SHA-256 over the UTF-8 of the import's moment
    /// (ISO 8601), the customer id, then <c>\nname=value</c> per attribute in ordinal name order (so
    /// column order does not matter).
    /// </summary>
    public static string For(string customerId, IEnumerable<KeyValuePair<string, string>> attributes, DateTimeOffset importedAt)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        ArgumentNullException.ThrowIfNull(attributes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(importedAt.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + "\n"));
        hash.AppendData(Encoding.UTF8.GetBytes(customerId));
        foreach (var (name, value) in attributes.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"\n{name}={value}"));
        }

        return Prefix + Convert.ToHexStringLower(hash.GetHashAndReset())[..HexLength];
    }

    /// <summary>The id of part <paramref name="part"/> (from 1) of a row that needs several events.</summary>
    public static string Part(string rowId, int part) => $"{rowId}:{part}";
}
