using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Boltly.Tests.Api;

/// <summary>TOTP 2FA over real HTTP, PostgreSQL and Redis (docs/two-factor.md).</summary>
public sealed partial class TwoFactorApiTests(TwoFactorPortal portal) : IClassFixture<TwoFactorPortal>
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Fact]
    public async Task Setup_enable_sign_in_with_code_and_recovery_code_end_to_end()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;

        var setup = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/setup", access);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        var body = await setup.JsonAsync();
        var secret = (string)body["shared_key"]!;
        Assert.True(Base32Encoding.ToBytes(secret).Length * 8 >= 160);
        Assert.Equal(string.Join(' ', secret.Chunk(4).Select(c => new string(c))), (string?)body["manual_key"]);
        Assert.StartsWith($"otpauth://totp/Boltly:{Uri.EscapeDataString(user.Email)}?secret={secret}&issuer=Boltly", (string?)body["otpauth_uri"]);
        Assert.Contains("<svg", (string?)body["qr_code_svg"]);

        // A wrong code leaves 2FA off.
        var wrong = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/enable", access, new { code = portal.Code(secret, 5) });
        await wrong.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var status = await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/two-factor", access)).JsonAsync();
        Assert.False((bool?)status["enabled"]);
        Assert.True((bool?)status["setup_pending"]);

        var enable = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/enable", access, new { code = portal.Code(secret) });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var recovery = (await enable.JsonAsync())["recovery_codes"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal(10, recovery.Distinct().Count());

        // Enabling moved the stamp: the token from before is refused.
        var stale = await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/two-factor", access);
        await stale.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // Password alone is not enough any more; a wrong code is the generic failure.
        var mfa = await TwoFactorPortal.MfaTokenAsync(_client, user);
        var bad = await TwoFactorPortal.SecondStepAsync(_client, mfa, "000000" == portal.Code(secret) ? "111111" : "000000");
        await bad.AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        portal.NextStep();
        var pair = await TwoFactorPortal.TokenPairAsync(await TwoFactorPortal.SecondStepAsync(_client, mfa, portal.Code(secret)));
        Assert.StartsWith("rt_", (string?)pair["refresh_token"]);
        var fresh = (string)pair["access_token"]!;
        var on = await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/two-factor", fresh)).JsonAsync();
        Assert.True((bool?)on["enabled"]);
        Assert.Equal(10, (int?)on["recovery_codes_left"]);

        // The mfa_token is single use, even with a new valid code.
        portal.NextStep();
        var again = await TwoFactorPortal.SecondStepAsync(_client, mfa, portal.Code(secret));
        await again.AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        // A recovery code signs in once; the count goes down.
        var viaRecovery = await TwoFactorPortal.TokenPairAsync(
            await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), recovery[3].ToUpperInvariant()));
        var reused = await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), recovery[3]);
        await reused.AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var left = await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/two-factor", (string)viaRecovery["access_token"]!)).JsonAsync();
        Assert.Equal(9, (int?)left["recovery_codes_left"]);
    }

    [Fact]
    public async Task Setup_answers_the_key_uri_with_issuer_label_and_secret_and_a_qr_code_of_exactly_that_uri()
    {
        // A '+' and a '/' in the address: the label must escape what is not plain text in a URI path.
        var user = await TestUser.CreateAsync(portal.Host);
        var id = Guid.NewGuid().ToString("N");
        var email = $"first+last/{id}@test.boltly.local";
        await using (var scope = portal.Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var appUser = (await users.FindByIdAsync(user.UserId.ToString()))!;
            Assert.True((await users.SetEmailAsync(appUser, email)).Succeeded);
        }
        var access = (string)(await _client.LoginAsync(user with { Email = email }))["access_token"]!;

        var body = await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/setup", access)).JsonAsync();
        var secret = (string)body["shared_key"]!;
        var uri = (string)body["otpauth_uri"]!;

        Assert.Equal($"otpauth://totp/Boltly:first%2Blast%2F{id}%40test.boltly.local?secret={secret}&issuer=Boltly&algorithm=SHA1&digits=6&period=30", uri);
        var parsed = new Uri(uri);
        Assert.Equal("Boltly:" + email, Uri.UnescapeDataString(parsed.AbsolutePath.TrimStart('/')));

        // The QR code holds exactly that URI: drawn again from it with the app's settings it matches,
        // and drawn from a URI with another secret it does not.
        var svg = (string)body["qr_code_svg"]!;
        Assert.Equal(QrSvg(uri), svg);
        var otherSecret = Base32Encoding.ToString(TotpAlgorithm.NewSecret()).TrimEnd('=');
        Assert.NotEqual(QrSvg(uri.Replace(secret, otherSecret)), svg);
    }

    private static string QrSvg(string text)
    {
        using var generator = new QRCoder.QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCoder.QRCodeGenerator.ECCLevel.M);
        return new QRCoder.SvgQRCode(data).GetGraphic(5);
    }

    [Fact]
    public async Task A_new_setup_accepts_its_first_code_whatever_step_the_previous_secret_used()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;
        var first = (string)(await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/setup", access)).JsonAsync())["shared_key"]!;
        // Enabled with the code one step ahead: that step is now the last one used.
        var enable = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/enable", access, new { code = portal.Code(first, 1) });
        Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        var recovery = (await enable.JsonAsync())["recovery_codes"]!.AsArray().Select(c => (string)c!).ToList();

        // Off again, within the same step, and set up anew with a fresh secret.
        access = (string)(await TwoFactorPortal.TokenPairAsync(
            await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), recovery[0])))["access_token"]!;
        var disable = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/disable", access, new { password = user.Password });
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);
        access = (string)(await _client.LoginAsync(user))["access_token"]!;
        var second = (string)(await (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/setup", access)).JsonAsync())["shared_key"]!;
        Assert.NotEqual(first, second);

        // The new secret's current code has never been used: it is accepted.
        var again = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/enable", access, new { code = portal.Code(second) });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Disabling_refuses_earlier_access_tokens_and_revokes_refresh_tokens()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (secret, _) = await portal.EnableTwoFactorAsync(_client, user);
        var before = await TwoFactorPortal.TokenPairAsync(
            await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), portal.Code(secret)));
        portal.NextStep();
        var other = await TwoFactorPortal.TokenPairAsync(
            await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), portal.Code(secret)));
        var access = (string)before["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/two-factor", (string)other["access_token"]!)).StatusCode);

        var disable = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/disable", access, new { password = user.Password });
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);

        foreach (var pair in new[] { before, other })
        {
            var stale = await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", (string)pair["access_token"]!);
            await stale.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
            var refresh = await _client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = (string)pair["refresh_token"]! });
            await refresh.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
    }

    [Fact]
    public async Task Disable_needs_the_password_or_a_code_and_reset_needs_a_code()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (secret, oldCodes) = await portal.EnableTwoFactorAsync(_client, user);
        var access = (string)(await TwoFactorPortal.TokenPairAsync(
            await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), portal.Code(secret))))["access_token"]!;
        portal.NextStep();

        var resetWrong = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/recovery-codes", access, new { code = oldCodes[0] });
        await resetWrong.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var reset = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/recovery-codes", access, new { code = portal.Code(secret) });
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var newCodes = (await reset.JsonAsync())["recovery_codes"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Empty(newCodes.Intersect(oldCodes));
        // The reset moved the stamp; old recovery codes are dead.
        await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/two-factor", access)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var old = await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), oldCodes[1]);
        await old.AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        access = (string)(await TwoFactorPortal.TokenPairAsync(
            await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), newCodes[0])))["access_token"]!;

        var none = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/disable", access, new { });
        await none.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var wrongPassword = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/disable", access, new { password = "wrong-password-here" });
        await wrongPassword.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var disable = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/disable", access, new { password = user.Password });
        Assert.Equal(HttpStatusCode.NoContent, disable.StatusCode);

        // Off again: the password alone signs in.
        var pair = await _client.LoginAsync(user);
        Assert.NotNull(pair["access_token"]);
    }

    [Fact]
    public async Task Session_only_endpoints_refuse_an_api_key()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;
        var created = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", access,
            new { name = "k", scopes = new[] { "contacts:read" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (string)(await created.JsonAsync())["secret_key"]!;

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/v1/auth/two-factor"), (HttpMethod.Post, "/v1/auth/two-factor/setup"),
            (HttpMethod.Post, "/v1/auth/two-factor/enable"), (HttpMethod.Post, "/v1/auth/two-factor/disable"),
            (HttpMethod.Post, "/v1/auth/two-factor/recovery-codes"), (HttpMethod.Post, "/v1/auth/change-password"),
        })
        {
            var request = new HttpRequestMessage(method, path);
            request.Headers.Add("X-API-Key", key);
            if (method == HttpMethod.Post) request.Content = JsonContent.Create(new { code = "123456", current_password = "a", new_password = "b", confirm_password = "b" });
            var response = await _client.SendAsync(request);
            await response.AssertErrorAsync(HttpStatusCode.Forbidden, "SESSION_REQUIRED");
        }
    }
}
