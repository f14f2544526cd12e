using System.Security.Cryptography;
using System.Text;
using Pulse.Grains.Triggers.Delivery;

namespace Pulse.Grains.Tests.Triggers;

public sealed class WebhookSignerTests
{
    private const string Secret = "whsec_example";
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"idempotencyKey":"k1","ruleId":"r"}""");
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    [Fact]
    public void TheSignatureIsTheHmacSha256OfTheTimestampDotBodyInLowercaseHex()
    {
        // Computed apart from Pulse: printf '1700000000.{"idempotencyKey":"k1","ruleId":"r"}' | openssl dgst -sha256 -hmac 'whsec_example'
        const string OpenSsl = "8f136a748c64b7c74f7658c50f239402a016ba462de18013b87776aaec39ac1b";
        var direct = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1700000000." + Encoding.UTF8.GetString(Body))));
        Assert.Equal(OpenSsl, direct);

        Assert.Equal($"t=1700000000,v1={OpenSsl}", WebhookSigner.Sign(Secret, Body, At));
    }

    [Fact]
    public void VerifyAcceptsASignatureWithinTheTolerance()
    {
        var header = WebhookSigner.Sign(Secret, Body, At);

        Assert.True(WebhookSigner.Verify(Secret, Body, header, At));
        Assert.True(WebhookSigner.Verify(Secret, Body, header, At.AddMinutes(4)));
        Assert.True(WebhookSigner.Verify(Secret, Body, header, At.AddMinutes(-4))); // the sender's clock ahead
        Assert.True(WebhookSigner.Verify(Secret, Body, header, At.AddHours(1), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void VerifyRejectsATamperedBodyAWrongSecretAndAnOldOrFarFutureTimestamp()
    {
        var header = WebhookSigner.Sign(Secret, Body, At);
        var tampered = Encoding.UTF8.GetBytes("""{"idempotencyKey":"k2","ruleId":"r"}""");

        Assert.False(WebhookSigner.Verify(Secret, tampered, header, At));
        Assert.False(WebhookSigner.Verify("whsec_other", Body, header, At));
        Assert.False(WebhookSigner.Verify(Secret, Body, header, At.AddMinutes(5).AddSeconds(1)));
        Assert.False(WebhookSigner.Verify(Secret, Body, header, At.AddMinutes(-6)));

        // The timestamp is signed: moving it forward to pass the tolerance breaks the signature.
        var restamped = header.Replace("t=1700000000", "t=1700003600", StringComparison.Ordinal);
        Assert.False(WebhookSigner.Verify(Secret, Body, restamped, At.AddHours(1)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("v1=8f136a748c64b7c74f7658c50f239402a016ba462de18013b87776aaec39ac1b")]
    [InlineData("t=1700000000")]
    [InlineData("t=abc,v1=8f136a748c64b7c74f7658c50f239402a016ba462de18013b87776aaec39ac1b")]
    [InlineData("t=1700000000,v1=zz136a748c64b7c74f7658c50f239402a016ba462de18013b87776aaec39ac1b")]
    [InlineData("t=1700000000,v1=8f13")]
    [InlineData("t=99999999999999999999,v1=8f136a748c64b7c74f7658c50f239402a016ba462de18013b87776aaec39ac1b")]
    public void VerifyRejectsAMalformedHeader(string? header)
    {
        Assert.False(WebhookSigner.Verify(Secret, Body, header, At));
    }

    [Fact]
    public void VerifyAcceptsAnyOneOfSeveralSignatures()
    {
        // A sender rotating its secret may sign with both; a receiver with either secret accepts.
        var header = "t=1700000000,v1=" + new string('0', 64) + ",v1=8f136a748c64b7c74f7658c50f239402a016ba462de18013b87776aaec39ac1b";

        Assert.True(WebhookSigner.Verify(Secret, Body, header, At));
    }
}
