using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Hardening;

/// <summary>The second sign-in step under attack: parallel guesses on one mfa_token all count, and a replayed
/// mfa_token spends nothing (docs/security.md).</summary>
public sealed class SecondStepHardeningTests(TwoFactorPortal portal) : IClassFixture<TwoFactorPortal>
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Fact]
    public async Task Thirty_parallel_wrong_codes_on_one_mfa_token_lock_the_account()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (secret, _) = await portal.EnableTwoFactorAsync(_client, user);
        var mfa = await TwoFactorPortal.MfaTokenAsync(_client, user);
        var valid = new[] { portal.Code(secret, -1), portal.Code(secret), portal.Code(secret, 1) };
        var wrong = Enumerable.Range(100000, 100).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Where(c => !valid.Contains(c)).Take(30).ToList();

        var responses = await Task.WhenAll(wrong.Select(code => TwoFactorPortal.SecondStepAsync(portal.Host.CreateHttpClient(), mfa, code)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));

        // Locked: the right code on the same token is refused, and so is the password step.
        var right = await TwoFactorPortal.SecondStepAsync(_client, mfa, portal.Code(secret));
        await right.AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        await using (var scope = portal.Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.UserId.ToString()))!));
        }
        var (checkedGuesses, _, _) = await LockoutUnderConcurrencyTests.OutcomesAsync(portal.Host, user, "wrong 2FA code");
        Assert.Equal(5, checkedGuesses);
        TestContext.Current.TestOutputHelper?.WriteLine($"30 parallel wrong TOTP codes on one mfa_token: {checkedGuesses} checked before the lock");
    }

    [Fact]
    public async Task A_replayed_mfa_token_leaves_the_recovery_code_sent_with_it_usable()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (secret, recovery) = await portal.EnableTwoFactorAsync(_client, user);
        var mfa = await TwoFactorPortal.MfaTokenAsync(_client, user);
        await TwoFactorPortal.TokenPairAsync(await TwoFactorPortal.SecondStepAsync(_client, mfa, portal.Code(secret)));

        var replay = await TwoFactorPortal.SecondStepAsync(_client, mfa, recovery[0]);
        await replay.AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        // The code is still unused: it signs in with a fresh token, once.
        await TwoFactorPortal.TokenPairAsync(
            await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), recovery[0]));
        var again = await TwoFactorPortal.SecondStepAsync(_client, await TwoFactorPortal.MfaTokenAsync(_client, user), recovery[0]);
        await again.AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
    }

    [Fact]
    public async Task A_replayed_mfa_token_does_not_spend_the_totp_step_sent_with_it()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var (secret, _) = await portal.EnableTwoFactorAsync(_client, user);
        var first = await TwoFactorPortal.MfaTokenAsync(_client, user);
        var second = await TwoFactorPortal.MfaTokenAsync(_client, user);
        await TwoFactorPortal.TokenPairAsync(await TwoFactorPortal.SecondStepAsync(_client, first, portal.Code(secret)));
        portal.NextStep();
        var code = portal.Code(secret);

        await (await TwoFactorPortal.SecondStepAsync(_client, first, code)).AssertErrorAsync(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        // Had the replay been checked, this step's code would be spent now.
        await TwoFactorPortal.TokenPairAsync(await TwoFactorPortal.SecondStepAsync(_client, second, code));
    }
}
