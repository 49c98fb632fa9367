using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Boltly.Tests.Api;

/// <summary>One code, one use: concurrent submissions, stored forms, lockout and replay (docs/two-factor.md).</summary>
public sealed partial class TwoFactorApiTests
{
    [Fact]
    public async Task Twenty_parallel_submissions_of_one_valid_code_let_exactly_one_in()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (secret, _) = await portal.EnableTwoFactorAsync(_client, user);
        // Twenty separate challenges, so only the TOTP step claim stands between them.
        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => TwoFactorPortal.MfaTokenAsync(portal.Host.CreateHttpClient(), user)));
        var code = portal.Code(secret);

        var responses = await Task.WhenAll(tokens.Select(t => TwoFactorPortal.SecondStepAsync(portal.Host.CreateHttpClient(), t, code)));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(19, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task Two_parallel_uses_of_one_recovery_code_let_exactly_one_in()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (_, recovery) = await portal.EnableTwoFactorAsync(_client, user);
        var tokens = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => TwoFactorPortal.MfaTokenAsync(portal.Host.CreateHttpClient(), user)));

        var responses = await Task.WhenAll(tokens.Select(t => TwoFactorPortal.SecondStepAsync(portal.Host.CreateHttpClient(), t, recovery[0])));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task The_database_holds_no_plaintext_secret_recovery_code_or_totp_code()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (secret, recovery) = await portal.EnableTwoFactorAsync(_client, user);
        var code = portal.Code(secret);
        await TwoFactorPortal.TokenPairAsync(await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), code));

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var hashes = await db.RecoveryCodes.Where(c => c.UserId == user.UserId).Select(c => c.CodeHash).ToListAsync();
        Assert.Equal(10, hashes.Count);
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
        var normalized = recovery.Select(r => r.Replace("-", "")).ToList();
        Assert.Empty(hashes.Intersect(recovery.Concat(normalized)));

        // Everything stored about this user, as text: tokens, the user row, their security events.
        var tokenValues = await db.Set<IdentityUserToken<Guid>>().Where(t => t.UserId == user.UserId).Select(t => t.Value ?? "").ToListAsync();
        var userRow = await db.Database.SqlQueryRaw<string>(
            "SELECT row_to_json(u)::text AS \"Value\" FROM \"AspNetUsers\" u WHERE id = {0}", user.UserId).ToListAsync();
        var events = await db.SecurityEvents.IgnoreQueryFilters().Where(e => e.UserId == user.UserId)
            .Select(e => (e.Detail ?? "") + " " + (e.UserAgent ?? "")).ToListAsync();
        var stored = string.Join("\n", tokenValues.Concat(userRow).Concat(events));
        Assert.NotEmpty(tokenValues);
        Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(code, stored);
        foreach (var r in recovery.Concat(normalized)) Assert.DoesNotContain(r, stored, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Lockout_from_wrong_codes_answers_byte_for_byte_like_a_wrong_password()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (secret, _) = await portal.EnableTwoFactorAsync(_client, user);
        var wrongPassword = await _client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = "not-the-password-at-all" });
        var reference = await wrongPassword.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        // That wrong password counted: four wrong codes make the fifth failure.
        var mfa = await TwoFactorPortal.MfaTokenAsync(_client, user);

        var wrongCode = portal.Code(secret) == "123456" ? "654321" : "123456";
        for (var i = 0; i < 4; i++)
        {
            var r = await TwoFactorPortal.SecondStepAsync(_client, mfa, wrongCode);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            Assert.Equal(reference, await r.Content.ReadAsStringAsync());
        }

        // Locked: the right code, the right password, a wrong password all answer the same bytes.
        var rightCode = await TwoFactorPortal.SecondStepAsync(_client, mfa, portal.Code(secret));
        Assert.Equal(HttpStatusCode.Unauthorized, rightCode.StatusCode);
        Assert.Equal(reference, await rightCode.Content.ReadAsStringAsync());
        var rightPassword = await _client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, rightPassword.StatusCode);
        Assert.Equal(reference, await rightPassword.Content.ReadAsStringAsync());
        var unknown = await _client.PostAsJsonAsync("/v1/auth/login", new { email = "nobody-" + Guid.NewGuid().ToString("N") + "@test.boltly.local", password = "x" });
        Assert.Equal(reference, await unknown.Content.ReadAsStringAsync());

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.UserId.ToString()))!));
    }

    [Fact]
    public async Task Provider_refuses_a_replayed_code_and_an_older_step()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var store = scope.ServiceProvider.GetRequiredService<AuthenticatorSecretStore>();
        var appUser = (await users.FindByIdAsync(user.UserId.ToString()))!;
        var secret = TotpAlgorithm.NewSecret();
        await store.SetAsync(users, appUser, secret);
        var base32 = Base32Encoding.ToString(secret);

        var ahead = portal.Code(base32, 1);
        var now = portal.Code(base32);
        Assert.True(await users.VerifyTwoFactorTokenAsync(appUser, TotpTokenProvider.ProviderName, now));
        Assert.False(await users.VerifyTwoFactorTokenAsync(appUser, TotpTokenProvider.ProviderName, now));
        Assert.True(await users.VerifyTwoFactorTokenAsync(appUser, TotpTokenProvider.ProviderName, ahead));
        // The step before the last accepted one is a replay too, though still inside the window.
        Assert.False(await users.VerifyTwoFactorTokenAsync(appUser, TotpTokenProvider.ProviderName, now));
        // Identity's built-in authenticator is out of reach.
        Assert.Equal(TotpTokenProvider.ProviderName, users.Options.Tokens.AuthenticatorTokenProvider);
        Assert.DoesNotContain(TokenOptions.DefaultAuthenticatorProvider, users.Options.Tokens.ProviderMap.Keys);
    }
}
