using System.Text;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;

namespace Boltly.Tests.Domain;

/// <summary>Both signature formats, how a secret is keyed for the standard one, and the rotation key ring, as pure rules
/// (docs/webhooks.md).</summary>
public sealed class WebhookSigningSecretsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_standard_signature_matches_the_specifications_test_vector()
    {
        // The Standard Webhooks specification's example, checked independently with openssl.
        Assert.Equal("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", WebhookSignature.ComputeStandard(
            "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, "{\"test\": 2432232314}"u8));
    }

    [Fact]
    public void A_secret_made_before_the_standard_format_is_keyed_with_its_UTF8_bytes()
    {
        // whsec_ and URL-safe base64 without padding: not standard base64, so the whole string is the key, as for Boltly-Signature.
        // printf 'evt_1.1764583200.{}' | openssl dgst -sha256 -hmac 'whsec_abc-_def' -binary | base64
        Assert.Equal("v1,eKc4Gz4kwv3XLoq2k1v9IoQK5uYnH2OiWMHZ8q/y6Fc=", WebhookSignature.ComputeStandard("whsec_abc-_def", "evt_1", 1764583200, "{}"u8));
        Assert.Equal(Encoding.UTF8.GetBytes("whsec_abc-_def"), WebhookSigningSecrets.StandardKey("whsec_abc-_def"));
        var secret = WebhookSigningSecrets.NewSecret();
        Assert.Equal(Convert.FromBase64String(secret[6..]), WebhookSigningSecrets.StandardKey(secret));
    }

    [Fact]
    public void The_StandardWebhooks_library_verifies_both_kinds_of_secret_and_every_secret_of_an_overlap()
    {
        var legacy = "whsec_" + Boltly.Platform.Security.SecretHasher.RandomUrlToken(32);
        var current = WebhookSigningSecrets.NewSecret();
        var body = "{\"id\":\"evt_1\",\"data\":{}}";
        var headers = Sign([current, legacy], "evt_1", body);
        // The current secret's signature is repeated last: the library never checks the last entry of several.
        var entries = headers["webhook-signature"].ToString().Split(' ');
        Assert.Equal(3, entries.Length);
        Assert.Equal(entries[0], entries[2]);
        new StandardWebhook(current).Verify(body, headers);
        // An old-format secret: the library takes the key as bytes (docs/webhooks.md says how in each language).
        new StandardWebhook(Encoding.UTF8.GetBytes(legacy)).Verify(body, headers);
        Assert.Throws<StandardWebhooks.Diagnostics.WebhookVerificationException>(() =>
            new StandardWebhook(WebhookSigningSecrets.NewSecret()).Verify(body, headers));
    }

    [Fact]
    public void A_rotation_keeps_the_previous_secret_until_the_overlap_ends_and_a_second_one_drops_the_oldest()
    {
        var first = new WebhookSigningSecrets("whsec_first");
        Assert.Equal("whsec_first", first.Serialize());   // stored as before rotation existed
        var rotated = WebhookSigningSecrets.Parse(first.Rotate("whsec_second", Now, Now.AddHours(24)).Serialize());
        Assert.Equal(["whsec_second", "whsec_first"], rotated.ActiveAt(Now.AddHours(23)));
        Assert.Equal(["whsec_second"], rotated.ActiveAt(Now.AddHours(24)));
        Assert.Equal(["whsec_third", "whsec_second"], rotated.Rotate("whsec_third", Now, Now.AddHours(1)).ActiveAt(Now));
        Assert.Equal(["whsec_third"], rotated.Rotate("whsec_third", Now, Now).ActiveAt(Now));
        Assert.DoesNotContain("whsec_", rotated.ToString());
    }

    private static HeaderDictionary Sign(IReadOnlyList<string> secrets, string eventId, string body)
    {
        using var request = new HttpRequestMessage();
        WebhookSignature.Sign(request.Headers, secrets, eventId, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body));
        var headers = new HeaderDictionary();
        foreach (var (name, values) in request.Headers) headers[name] = string.Join(",", values);
        return headers;
    }
}
