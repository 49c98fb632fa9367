namespace Boltly.Tests.Domain;

/// <summary>The records that carry a freshly made secret print without it (a record's ToString lists its
/// members, and anything may end up in a log through ToString).</summary>
public sealed class SecretCarrierTests
{
    [Fact]
    public void Records_holding_a_secret_print_without_it()
    {
        var generated = ApiKeyFormat.Generate();
        var key = new ApiKey { Name = "n", Prefix = generated.DisplayPrefix, KeyHash = generated.Hash, Scopes = ["contacts:read"] };
        var pair = new TokenPair("eyJ.access.token", "Bearer", 900, "rt_refresh-token-value", 604800);
        var setup = new TwoFactorSetup("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP",
            "otpauth://totp/Boltly:a%40b?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Boltly", "<svg/>");
        var webhook = new CreatedWebhook(new WebhookSubscription { Url = "https://h.example", Events = [], ProtectedSecret = "x" }, "whsec_signing-secret");

        Assert.DoesNotContain(generated.Secret, generated.ToString());
        Assert.Contains(generated.DisplayPrefix, generated.ToString());
        Assert.DoesNotContain(generated.Secret, new CreatedApiKey(key, generated.Secret).ToString());
        Assert.DoesNotContain("access.token", pair.ToString());
        Assert.DoesNotContain("refresh-token-value", pair.ToString());
        Assert.DoesNotContain("JBSWY3DP", setup.ToString());
        Assert.DoesNotContain("JBSW Y3DP", setup.ToString());
        Assert.DoesNotContain("signing-secret", webhook.ToString());
    }
}
