using System.Text;
using Microsoft.Extensions.Time.Testing;

namespace Boltly.Tests.Domain.Auth;

public sealed class TotpAlgorithmTests
{
    // RFC 6238 Appendix B, SHA-1 rows: the 20-byte ASCII secret "12345678901234567890", 8 digits.
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    public static TheoryData<long, string> RfcSha1Vectors => new()
    {
        { 59, "94287082" },
        { 1111111109, "07081804" },
        { 1111111111, "14050471" },
        { 1234567890, "89005924" },
        { 2000000000, "69279037" },
        { 20000000000, "65353130" },
    };

    [Theory]
    [MemberData(nameof(RfcSha1Vectors))]
    public void Rfc6238_sha1_vectors_with_eight_digits(long unixSeconds, string expected)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        var totp = new TotpAlgorithm(new FakeTimeProvider(at), digits: 8);
        Assert.Equal(expected, totp.CodeAt(RfcSecret, at));
        Assert.Equal(unixSeconds / 30, totp.MatchingStep(RfcSecret, expected));
    }

    [Theory]
    [MemberData(nameof(RfcSha1Vectors))]
    public void Rfc6238_sha1_vectors_through_the_six_digit_production_path(long unixSeconds, string expected)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);
        var totp = new TotpAlgorithm(new FakeTimeProvider(at));
        var lastSix = expected[^6..];
        Assert.Equal(lastSix, totp.CodeAt(RfcSecret, at));
        Assert.Equal(unixSeconds / 30, totp.MatchingStep(RfcSecret, lastSix));
        Assert.Null(totp.MatchingStep(RfcSecret, expected)); // an 8-digit code is not a 6-digit code
    }

    [Fact]
    public void One_step_back_and_ahead_are_accepted_two_are_refused()
    {
        var secret = TotpAlgorithm.NewSecret();
        var now = new DateTimeOffset(2026, 11, 24, 12, 0, 15, TimeSpan.Zero);
        var clock = new FakeTimeProvider(now);
        var totp = new TotpAlgorithm(clock);
        var step = TotpAlgorithm.StepAt(now);
        string CodeForStep(long s) => totp.CodeAt(secret, DateTimeOffset.FromUnixTimeSeconds(s * TotpAlgorithm.StepSeconds));

        Assert.Equal(step, totp.MatchingStep(secret, CodeForStep(step)));
        Assert.Equal(step - 1, totp.MatchingStep(secret, CodeForStep(step - 1)));
        Assert.Equal(step + 1, totp.MatchingStep(secret, CodeForStep(step + 1)));
        Assert.Null(totp.MatchingStep(secret, CodeForStep(step - 2)));
        Assert.Null(totp.MatchingStep(secret, CodeForStep(step + 2)));

        // Moving the clock moves the window: the code of "step - 1" is two steps old a step later.
        var old = CodeForStep(step - 1);
        clock.Advance(TimeSpan.FromSeconds(TotpAlgorithm.StepSeconds));
        Assert.Null(totp.MatchingStep(secret, old));
    }

    [Fact]
    public void Secrets_have_at_least_160_bits_and_differ()
    {
        var a = TotpAlgorithm.NewSecret();
        Assert.True(a.Length * 8 >= 160);
        Assert.NotEqual(a, TotpAlgorithm.NewSecret());
    }

    [Theory]
    [InlineData("123 456", "123456")]
    [InlineData(" 123456 ", "123456")]
    [InlineData("12a456", null)]
    [InlineData("", null)]
    public void Codes_are_normalized_to_digits(string input, string? expected) =>
        Assert.Equal(expected, TotpAlgorithm.Normalize(input));

    [Fact]
    public void Otpauth_uri_and_grouped_key()
    {
        var uri = AuthenticatorUri.For("a+b@example.com", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
        Assert.StartsWith("otpauth://totp/Boltly:a%2Bb%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Boltly", uri);
        Assert.Equal("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP", AuthenticatorUri.GroupedKey("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"));
        Assert.StartsWith("<svg", AuthenticatorUri.QrCodeSvg(uri).TrimStart().Replace("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "").TrimStart());
    }
}
