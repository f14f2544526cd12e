using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pulse.Contracts.Identity;

namespace Pulse.Grains.Identity;

/// <summary>
/// Normalises identifiers and keys them: account, device and crm ids as given (trimmed); emails
/// (trimmed, lower-cased) and phone numbers ('+' and digits) as the lowercase hex HMAC-SHA256 under
/// <see cref="IdentityOptions.HashKey"/>, so the same address however typed gives one key and the clear
/// address is kept nowhere.
/// </summary>
public sealed class IdentifierKeys : IIdentifierKeys
{
    public const int MaxIdLength = 256;
    public const int MinPhoneDigits = 7;
    public const int MaxPhoneDigits = 15;

    private readonly byte[] _hashKey;

    public IdentifierKeys(IOptions<IdentityOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.Value.HashKey;
        if (string.IsNullOrEmpty(key))
        {
            throw new InvalidOperationException($"{IdentityOptions.Section}:HashKey is empty; set a key to hash emails and phone numbers under.");
        }

        _hashKey = Encoding.UTF8.GetBytes(key);
    }

    public IdentifierKey KeyOf(string type, string value) => KeyOf(ParseType(type), value);

    public IdentifierKey KeyOf(IdentifierType type, string value)
    {
        if (value is null)
        {
            throw new ArgumentException("an identifier value is required.", nameof(value));
        }

        return type switch
        {
            IdentifierType.Email => new(type, Hash(NormaliseEmail(value))),
            IdentifierType.Phone => new(type, Hash(NormalisePhone(value))),
            IdentifierType.Account or IdentifierType.Device or IdentifierType.Crm => new(type, NormaliseId(value)),
            _ => throw new ArgumentException($"'{type}' is not an identifier type.", nameof(type)),
        };
    }

    /// <summary>An identifier type from its wire name (<c>account</c>, <c>email</c>, ...), in any case.</summary>
    public static IdentifierType ParseType(string type)
    {
        // Enum.TryParse alone would also take "2" or "Email,Phone"; only the names are identifier types.
        foreach (var known in Enum.GetValues<IdentifierType>())
        {
            if (string.Equals(known.ToString(), type?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        var names = string.Join(", ", Enum.GetValues<IdentifierType>().Select(t => t.ToString().ToLowerInvariant()));
        throw new ArgumentException($"'{Shown(type)}' is not an identifier type; use one of {names}.", nameof(type));
    }

    /// <summary>An email trimmed and lower-cased; exactly one '@' with text on both sides.</summary>
    public static string NormaliseEmail(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var email = value.Trim().ToLowerInvariant();
        var at = email.IndexOf('@', StringComparison.Ordinal);

        // The message never repeats the address: it is personal data and may end up in a log.
        if (at <= 0 || at == email.Length - 1 || email.IndexOf('@', at + 1) >= 0)
        {
            throw new ArgumentException("not an email address: it needs exactly one '@' with text on both sides.", nameof(value));
        }

        if (email.Length > MaxIdLength || HasControlOrSpace(email))
        {
            throw new ArgumentException($"not an email address: at most {MaxIdLength} characters, no spaces or control characters.", nameof(value));
        }

        return email;
    }

    /// <summary>A phone number as '+' (when it led) and its digits; spaces, dashes, dots and parentheses go.</summary>
    public static string NormalisePhone(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = value.Trim();
        var phone = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '+' && i == 0)
            {
                phone.Append(c);
            }
            else if (char.IsAsciiDigit(c))
            {
                phone.Append(c);
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')'))
            {
                // Not shown back: a phone number is personal data.
                throw new ArgumentException("not a phone number: only a leading '+', digits, spaces, dashes, dots and parentheses are allowed.", nameof(value));
            }
        }

        var digits = phone.Length - (phone.Length > 0 && phone[0] == '+' ? 1 : 0);
        if (digits is < MinPhoneDigits or > MaxPhoneDigits)
        {
            throw new ArgumentException($"not a phone number: it needs {MinPhoneDigits} to {MaxPhoneDigits} digits (it has {digits}).", nameof(value));
        }

        return phone.ToString();
    }

    /// <summary>An account, device or crm id: trimmed, 1 to 256 characters, no control characters.</summary>
    public static string NormaliseId(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var id = value.Trim();
        if (id.Length is 0 or > MaxIdLength)
        {
            throw new ArgumentException($"an identifier needs 1 to {MaxIdLength} characters (it has {id.Length}).", nameof(value));
        }

        if (id.Any(char.IsControl))
        {
            throw new ArgumentException("an identifier may not contain control characters.", nameof(value));
        }

        return id;
    }

    /// <summary>The lowercase hex HMAC-SHA256 of the normalised value under the identity key.</summary>
    public string Hash(string normalised) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(normalised)));

    private static bool HasControlOrSpace(string text) => text.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));

    private static string Shown(string? text) => text is null ? "" : text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
