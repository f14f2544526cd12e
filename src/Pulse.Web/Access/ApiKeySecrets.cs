using System.Security.Cryptography;
using System.Text;

namespace Pulse.Web.Access;

/// <summary>
/// API keys on the wire: <c>pulse_{keyId}_{secret}</c>, a 12-hex-digit id that names the key in lists and logs and
/// a 43-character secret (256 random bits, base64url). Only the secret's SHA-256 is kept.
/// </summary>
public static class ApiKeySecrets
{
    public const string Prefix = "pulse_";

    /// <summary>A new key: what to show once, its id, and the hash to keep.</summary>
    public static (string Key, string KeyId, string SecretHash) New()
    {
        var keyId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        return ($"{Prefix}{keyId}_{secret}", keyId, Hash(secret));
    }

    /// <summary>Splits a presented key; false when it is not shaped like one.</summary>
    public static bool TryParse(string presented, out string keyId, out string secret)
    {
        (keyId, secret) = (string.Empty, string.Empty);
        if (!presented.StartsWith(Prefix, StringComparison.Ordinal) || presented.Length != Prefix.Length + 12 + 1 + 43 || presented[Prefix.Length + 12] != '_')
        {
            return false;
        }

        keyId = presented.Substring(Prefix.Length, 12);
        secret = presented[(Prefix.Length + 13)..];
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares in time that does not depend on where the two differ.</summary>
    public static bool HashMatches(string secret, string expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(expectedHash));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
