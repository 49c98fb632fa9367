using Boltly.Features.Auth;
using Boltly.Features.Passwords;
using Boltly.Features.TwoFactor;
using Boltly.Platform.Accounts;
using Boltly.Platform.Http;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.SignIn;

/// <summary>
/// The second step of signing in, for the API's <c>mfa_token</c> and the dashboard's half-signed-in
/// cookie. It shares the per-address and per-account sign-in budgets with the password step, so alternating
/// between the two steps buys no extra guesses. Every failure is the same <see cref="PasswordCheckOutcome.Failed"/>.
/// </summary>
public sealed class TwoFactorSignInService(UserManager<AppUser> users, MfaChallengeService challenges,
    MfaChallengeClaims claims, ISecondFactorMethod twoFactor, RateLimitPolicies limits)
{
    /// <summary>API: the <c>mfa_token</c> must be genuine, unexpired, for the user's current security
    /// stamp and not used before; the code a current TOTP code or an unused recovery code. The token is
    /// claimed before the code is looked at (<see cref="MfaChallengeClaims"/>), so a replayed token never
    /// spends a TOTP step or a recovery code; a wrong code gives the token back.</summary>
    public async Task<PasswordCheckResult> CompleteChallengeAsync(string? mfaToken, string? code, ClientInfo client, CancellationToken ct = default)
    {
        if (await ThrottleAsync(client, null) is { } throttled) return throttled;
        var challenge = challenges.Read(mfaToken);
        if (challenge is null) return Failed;
        var user = await users.FindByIdAsync(challenge.UserId.ToString());
        if (user is null || UserStampCache.Digest(user.SecurityStamp) != challenge.StampDigest) return Failed;
        if (await ThrottleAsync(null, user) is { } perAccount) return perAccount;

        // Claimed inside the user's attempt (so parallel uses queue in memory, not on database connections),
        // before the code is looked at.
        MfaChallengeClaim? claim = null;
        try
        {
            if (!await twoFactor.VerifySignInCodeAsync(user, code, client, ct, async () => (claim = await claims.BeginAsync(challenge, ct)) is not null))
                return Failed;
            await claim!.CommitAsync();
            return new PasswordCheckResult(PasswordCheckOutcome.Succeeded, user);
        }
        finally
        {
            if (claim is not null) await claim.DisposeAsync();
        }
    }

    /// <summary>Dashboard: the user named by the two-factor cookie, and a code.</summary>
    public async Task<PasswordCheckResult> CheckCodeAsync(AppUser user, string? code, ClientInfo client, CancellationToken ct = default)
    {
        if (await ThrottleAsync(client, user) is { } throttled) return throttled;
        return await twoFactor.VerifySignInCodeAsync(user, code, client, ct)
            ? new PasswordCheckResult(PasswordCheckOutcome.Succeeded, user)
            : Failed;
    }

    private static PasswordCheckResult Failed => new(PasswordCheckOutcome.Failed, null);

    private async Task<PasswordCheckResult?> ThrottleAsync(ClientInfo? client, AppUser? user)
    {
        if (client is not null)
        {
            var decision = await limits.HitSignInAsync(client.Address);
            if (!decision.Allowed) return new PasswordCheckResult(PasswordCheckOutcome.Throttled, null, decision.ResetSeconds);
        }
        if (user is not null)
        {
            var decision = await limits.HitSignInAccountAsync(user.NormalizedEmail ?? user.Id.ToString());
            if (!decision.Allowed) return new PasswordCheckResult(PasswordCheckOutcome.Throttled, null, decision.ResetSeconds);
        }
        return null;
    }
}
