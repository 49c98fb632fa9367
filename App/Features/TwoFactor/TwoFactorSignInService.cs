using Boltly.Features.Auth;
using Boltly.Platform.Accounts;
using Boltly.Platform.Http;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.TwoFactor;

/// <summary>
/// The second step of signing in, for the API's <c>mfa_token</c> and the dashboard's half-signed-in
/// cookie. It shares the per-address sign-in budget with the password step, so alternating between
/// the two steps buys no extra guesses. Every failure is the same <see cref="PasswordCheckOutcome.Failed"/>.
/// </summary>
public sealed class TwoFactorSignInService(UserManager<AppUser> users, MfaChallengeService challenges,
    MfaChallengeClaims claims, TwoFactorService twoFactor, RateLimitPolicies limits)
{
    /// <summary>API: the <c>mfa_token</c> must be genuine, unexpired, for the user's current security
    /// stamp and not used before; the code a current TOTP code or an unused recovery code.</summary>
    public async Task<PasswordCheckResult> CompleteChallengeAsync(string? mfaToken, string? code, ClientInfo client, CancellationToken ct = default)
    {
        if (await ThrottleAsync(client) is { } throttled) return throttled;
        var challenge = challenges.Read(mfaToken);
        if (challenge is null) return Failed;
        var user = await users.FindByIdAsync(challenge.UserId.ToString());
        if (user is null || UserStampCache.Digest(user.SecurityStamp) != challenge.StampDigest) return Failed;
        if (!await twoFactor.VerifySignInCodeAsync(user, code, client, ct)) return Failed;
        // Claimed only after a right code: a typo does not burn the token, a second sign-in with it is refused.
        if (!await claims.TryClaimAsync(challenge, ct)) return Failed;
        return new PasswordCheckResult(PasswordCheckOutcome.Succeeded, user);
    }

    /// <summary>Dashboard: the user named by the two-factor cookie, and a code.</summary>
    public async Task<PasswordCheckResult> CheckCodeAsync(AppUser user, string? code, ClientInfo client, CancellationToken ct = default)
    {
        if (await ThrottleAsync(client) is { } throttled) return throttled;
        return await twoFactor.VerifySignInCodeAsync(user, code, client, ct)
            ? new PasswordCheckResult(PasswordCheckOutcome.Succeeded, user)
            : Failed;
    }

    private static PasswordCheckResult Failed => new(PasswordCheckOutcome.Failed, null);

    private async Task<PasswordCheckResult?> ThrottleAsync(ClientInfo client)
    {
        var decision = await limits.HitSignInAsync(client.Address);
        return decision.Allowed ? null : new PasswordCheckResult(PasswordCheckOutcome.Throttled, null, decision.ResetSeconds);
    }
}
