using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pulse.Contracts.Identity;
using Pulse.Grains.Identity;

namespace Pulse.Grains.Tests.Identity;

public sealed class IdentifierKeysTests
{
    private static readonly IdentifierKeys DevelopmentKeys = new(Options.Create(new IdentityOptions()));

    [Fact]
    public void The_same_email_in_any_case_or_whitespace_gives_one_key()
    {
        var plain = DevelopmentKeys.KeyOf("email", "ada@example.com");
        Assert.Equal(plain, DevelopmentKeys.KeyOf("email", "  Ada@Example.COM\t"));
        Assert.Equal(plain, DevelopmentKeys.KeyOf("EMAIL", "ADA@EXAMPLE.COM"));
        Assert.StartsWith("email:", plain.GrainKey, StringComparison.Ordinal);
        Assert.DoesNotContain("ada", plain.GrainKey, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void An_email_key_is_the_hmac_sha256_of_the_normalised_address_under_the_configured_key()
    {
        var keys = new IdentifierKeys(Options.Create(new IdentityOptions { HashKey = "a-deployment-key" }));
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("a-deployment-key"), Encoding.UTF8.GetBytes("grace@example.org")));

        Assert.Equal(new IdentifierKey(IdentifierType.Email, expected), keys.KeyOf(IdentifierType.Email, " Grace@Example.org "));
        Assert.NotEqual(expected, DevelopmentKeys.KeyOf(IdentifierType.Email, "grace@example.org").Value);
    }

    [Fact]
    public void The_development_key_matches_openssl()
    {
        // printf '%s' 'ada@example.com' | openssl dgst -sha256 -hmac 'pulse-local-development-identity-key'
        Assert.Equal("pulse-local-development-identity-key", IdentityOptions.DevelopmentHashKey);
        Assert.Equal(
            "email:994748f1eaaa88c6e7ea0ebcf5e518f46053968de8d47dbc8f9889d211a96dc1",
            DevelopmentKeys.KeyOf("email", "Ada@Example.com").GrainKey);

        // printf '%s' '+4915112345678' | openssl dgst -sha256 -hmac 'pulse-local-development-identity-key'
        Assert.Equal(
            "phone:d17883f0d6f590f3a60314b1b1c248f529aea8d4568d393821915806f00f0138",
            DevelopmentKeys.KeyOf("phone", "+49 (151) 123-456.78").GrainKey);
    }

    [Theory]
    [InlineData("+49 151 1234 5678", "+4915112345678")]
    [InlineData("(030) 123-4567", "0301234567")]
    [InlineData(" 555.123.4567 ", "5551234567")]
    public void A_phone_keeps_a_leading_plus_and_its_digits(string given, string normalised)
    {
        Assert.Equal(normalised, IdentifierKeys.NormalisePhone(given));
        Assert.Equal(DevelopmentKeys.Hash(normalised), DevelopmentKeys.KeyOf(IdentifierType.Phone, given).Value);
    }

    [Theory]
    [InlineData("account")]
    [InlineData("device")]
    [InlineData("crm")]
    public void Account_device_and_crm_ids_are_kept_trimmed_as_given(string type)
    {
        var key = DevelopmentKeys.KeyOf(type, "  A-17/x ");
        Assert.Equal($"{type}:A-17/x", key.GrainKey);
    }

    [Theory]
    [InlineData("ada.example.com")]
    [InlineData("@example.com")]
    [InlineData("ada@")]
    [InlineData("ada@@example.com")]
    [InlineData("a@b@c")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("   ")]
    public void A_malformed_email_is_refused_naming_the_value(string email)
    {
        var error = Assert.Throws<ArgumentException>(() => DevelopmentKeys.KeyOf("email", email));
        Assert.Equal("value", error.ParamName);
        Assert.Contains("email address", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(email.Trim().Length > 0 ? email : "\u0000", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123456", "digits")]
    [InlineData("+1234567890123456", "digits")]
    [InlineData("555-CALL-NOW", "only")]
    [InlineData("12+3456789", "only")]
    [InlineData("", "digits")]
    public void A_malformed_phone_is_refused_naming_the_value(string phone, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => DevelopmentKeys.KeyOf("phone", phone));
        Assert.Equal("value", error.ParamName);
        Assert.Contains("phone number", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a\u0001b")]
    public void An_empty_or_control_character_id_is_refused_naming_the_value(string id)
    {
        var error = Assert.Throws<ArgumentException>(() => DevelopmentKeys.KeyOf("account", id));
        Assert.Equal("value", error.ParamName);
    }

    [Fact]
    public void An_id_longer_than_256_characters_is_refused()
    {
        Assert.Equal("device:" + new string('d', 256), DevelopmentKeys.KeyOf("device", new string('d', 256)).GrainKey);
        var error = Assert.Throws<ArgumentException>(() => DevelopmentKeys.KeyOf("device", new string('d', 257)));
        Assert.Equal("value", error.ParamName);
        Assert.Contains("256", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("twitter")]
    [InlineData("1")]
    [InlineData("email,phone")]
    [InlineData("")]
    public void An_unknown_type_is_refused_naming_the_type(string type)
    {
        var error = Assert.Throws<ArgumentException>(() => DevelopmentKeys.KeyOf(type, "x@example.com"));
        Assert.Equal("type", error.ParamName);
        Assert.Contains("account, email, phone, device, crm", error.Message, StringComparison.Ordinal);
    }
}
