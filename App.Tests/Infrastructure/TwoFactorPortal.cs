using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OtpNet;

namespace Boltly.Tests.Infrastructure;

/// <summary>A host of its own for 2FA tests: they move its clock to get fresh TOTP steps, and fire
/// many sign-in attempts from one address, so the per-address budget is raised.</summary>
public sealed class TwoFactorPortal : IAsyncLifetime
{
    public PortalHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
    {
        ["RateLimits:SignInPerWindow"] = "100000",
    }));

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    /// <summary>The current code for a Base32 secret at the host's clock, computed independently with Otp.NET.</summary>
    public string Code(string secret, int stepOffset = 0) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(Host.Clock.GetUtcNow().UtcDateTime.AddSeconds(30 * stepOffset));

    /// <summary>Moves to the next 30-second step, so the next code has not been used yet.</summary>
    public void NextStep() => Host.Clock.Advance(TimeSpan.FromSeconds(30));

    /// <summary>Signs in, sets up and enables 2FA; returns the secret and the recovery codes.</summary>
    public async Task<(string Secret, List<string> RecoveryCodes)> EnableTwoFactorAsync(HttpClient client, TestUser user)
    {
        var access = (string)(await client.LoginAsync(user))["access_token"]!;
        var setup = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/setup", access);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var secret = (string)(await setup.JsonAsync())["shared_key"]!;
        NextStep();
        var enable = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/enable", access, new { code = Code(secret) });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var codes = (await enable.JsonAsync())["recovery_codes"]!.AsArray().Select(c => (string)c!).ToList();
        NextStep();
        return (secret, codes);
    }

    /// <summary>Password step of a 2FA user: the mfa_token.</summary>
    public static async Task<string> MfaTokenAsync(HttpClient client, TestUser user)
    {
        var response = await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True((bool?)body["mfa_required"]);
        return (string)body["mfa_token"]!;
    }

    public static Task<HttpResponseMessage> SecondStepAsync(HttpClient client, string mfaToken, string code) =>
        client.PostAsJsonAsync("/v1/auth/login/2fa", new { mfa_token = mfaToken, code });

    public static async Task<JsonObject> TokenPairAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }
}
