using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Pulse.Grains.Triggers.Delivery;

/// <summary>
/// The <c>Pulse-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where hex is the lowercase
/// HMAC-SHA256, keyed with the secret's UTF-8 bytes, of <c>"&lt;t&gt;."</c> followed by the exact body bytes.
/// The timestamp is signed too, so a captured request cannot be replayed later than the receiver's tolerance.
/// </summary>
public static class WebhookSigner
{
    public const string HeaderName = "Pulse-Signature";

    /// <summary>How far a signature's time may be from the receiver's clock by default (either way, for skew).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="at"/>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = at.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <summary>
    /// Whether <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> at a time within
    /// <paramref name="tolerance"/> (default <see cref="DefaultTolerance"/>) of <paramref name="now"/>. Any one of
    /// several <c>v1</c> values may match. The comparison takes the same time however many bytes agree.
    /// </summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(header))
        {
            return false;
        }

        long? t = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) &&
                long.TryParse(part.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                t = seconds;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal) && part.Length == 3 + (2 * SHA256.HashSizeInBytes))
            {
                try
                {
                    signatures.Add(Convert.FromHexString(part.AsSpan(3)));
                }
                catch (FormatException)
                {
                    // Not hex: cannot match; the others may.
                }
            }
        }

        if (t is not { } signedAt || signatures.Count == 0 ||
            signedAt > DateTimeOffset.MaxValue.ToUnixTimeSeconds() ||
            (now - DateTimeOffset.FromUnixTimeSeconds(signedAt)).Duration() > (tolerance ?? DefaultTolerance))
        {
            return false;
        }

        var expected = Mac(secret, signedAt, body);
        var matched = false;
        foreach (var signature in signatures)
        {
            matched |= CryptographicOperations.FixedTimeEquals(expected, signature);
        }

        return matched;
    }

    private static byte[] Mac(string secret, long t, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(t.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
