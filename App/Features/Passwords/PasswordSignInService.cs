using Boltly.Features.Auth;
using Boltly.Features.SecurityEvents;
using Boltly.Platform.Accounts;
using Boltly.Platform.Http;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Passwords;

/// <summary>
/// Checks an email and password for both the dashboard and <c>/v1/auth/login</c>: limited per client
/// address and per account; the lockout is checked before the password and again, with every failure counted
/// atomically, one attempt at a time per user (<see cref="SignInAttempts"/>), so parallel guesses cannot
/// outrun the lockout. An unknown email or a
/// locked account still costs one password hash, so its answer takes as long as a wrong password's; all
/// failures are recorded, and answered alike by callers.
/// </summary>
public sealed class PasswordSignInService(UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInAttempts attempts,
    SecurityEventRecorder events, RateLimitPolicies limits, ILogger<PasswordSignInService> logger) : IPasswordSignInMethod
{
    // A fixed hash to verify against when the email is unknown, so both paths do the same work.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), "not-a-real-password-" + Guid.NewGuid()));

    public async Task<PasswordCheckResult> CheckAsync(string email, string password, ClientInfo client, CancellationToken ct = default)
    {
        var throttle = await limits.HitSignInAsync(client.Address);
        if (throttle.Allowed) throttle = await limits.HitSignInAccountAsync(users.NormalizeEmail(email.Trim()) ?? "");
        if (!throttle.Allowed)
            return new PasswordCheckResult(PasswordCheckOutcome.Throttled, null, throttle.ResetSeconds);

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            VerifyDummy(password);
            await events.RecordAsync(SecurityEventTypes.SignInFailed, SecurityEventOutcomes.Failure, client, detail: "unknown email", ct: ct);
            return new PasswordCheckResult(PasswordCheckOutcome.Failed, null);
        }

        // The lockout is checked before the password, and again under the user's attempt lock with the result:
        // the slow hash runs outside that lock (parallel right passwords do not queue behind each other), but
        // only an attempt that finds the account unlocked under the lock can succeed, and every failure is
        // counted there, so at most LockoutMaxFailures guesses can ever be accepted (SignInAttempts).
        if (await users.IsLockedOutAsync(user)) return await RefuseLockedAsync(user, password, client, ct);
        // Verified without Identity's rehash-and-save, which would write a stale lockout back.
        var right = user.PasswordHash is not null
            && users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed
            && await signIn.CanSignInAsync(user);
        await using var attempt = await attempts.BeginAsync(user, ct);
        if (attempt is null) return await RefuseLockedAsync(user, null, client, ct);

        if (right)
        {
            if (user.TwoFactorEnabled)
                return new PasswordCheckResult(PasswordCheckOutcome.RequiresTwoFactor, user); // the second step decides; the count stays
            await attempt.SucceededAsync();
            await events.RecordAsync(SecurityEventTypes.SignIn, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, ct: ct);
            return new PasswordCheckResult(PasswordCheckOutcome.Succeeded, user);
        }

        if (await attempt.FailedAsync())
        {
            logger.LogWarning("User {UserId} locked out after failed sign-in attempts", user.Id);
            await events.RecordAsync(SecurityEventTypes.Lockout, SecurityEventOutcomes.Blocked, client, user.Id, user.AccountId, "wrong password", ct);
        }
        else
        {
            await events.RecordAsync(SecurityEventTypes.SignInFailed, SecurityEventOutcomes.Failure, client, user.Id, user.AccountId, "wrong password", ct);
        }
        return new PasswordCheckResult(PasswordCheckOutcome.Failed, null);
    }

    private async Task<PasswordCheckResult> RefuseLockedAsync(AppUser user, string? password, ClientInfo client, CancellationToken ct)
    {
        // Locked: the password is not checked, but hashed anyway so timing does not tell.
        if (password is not null) VerifyDummy(password);
        await events.RecordAsync(SecurityEventTypes.SignInFailed, SecurityEventOutcomes.Blocked, client, user.Id, user.AccountId, "account locked", ct);
        return new PasswordCheckResult(PasswordCheckOutcome.Failed, null);
    }

    private static void VerifyDummy(string password) =>
        new PasswordHasher<AppUser>().VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
}
