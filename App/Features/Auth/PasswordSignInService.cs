using Boltly.Features.SecurityEvents;
using Boltly.Platform.Accounts;
using Boltly.Platform.Http;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Auth;

/// <summary>
/// Checks an email and password for both the dashboard and <c>/v1/auth/login</c>, with Identity's
/// lockout. An unknown email still costs one password hash, so its answer takes as long as a wrong
/// password's; all failures are recorded, and answered alike by callers.
/// </summary>
public sealed class PasswordSignInService(UserManager<AppUser> users, SignInManager<AppUser> signIn,
    SecurityEventRecorder events, RateLimitPolicies limits, ILogger<PasswordSignInService> logger)
{
    // A fixed hash to verify against when the email is unknown, so both paths do the same work.
    private static readonly Lazy<string> DummyHash = new(() =>
        new PasswordHasher<AppUser>().HashPassword(new AppUser(), "not-a-real-password-" + Guid.NewGuid()));

    public async Task<PasswordCheckResult> CheckAsync(string email, string password, ClientInfo client, CancellationToken ct = default)
    {
        var throttle = await limits.HitSignInAsync(client.Address);
        if (!throttle.Allowed)
            return new PasswordCheckResult(PasswordCheckOutcome.Throttled, null, throttle.ResetSeconds);

        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            VerifyDummy(password);
            await events.RecordAsync(SecurityEventTypes.SignInFailed, SecurityEventOutcomes.Failure, client, detail: "unknown email", ct: ct);
            return new PasswordCheckResult(PasswordCheckOutcome.Failed, null);
        }

        // Identity answers a locked account without hashing; hash anyway so timing does not tell.
        if (await users.IsLockedOutAsync(user)) VerifyDummy(password);
        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            if (user.TwoFactorEnabled)
                return new PasswordCheckResult(PasswordCheckOutcome.RequiresTwoFactor, user);
            await events.RecordAsync(SecurityEventTypes.SignIn, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, ct: ct);
            return new PasswordCheckResult(PasswordCheckOutcome.Succeeded, user);
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in refused for locked-out user {UserId}", user.Id);
            await events.RecordAsync(SecurityEventTypes.Lockout, SecurityEventOutcomes.Blocked, client, user.Id, user.AccountId, ct: ct);
        }
        else
        {
            await events.RecordAsync(SecurityEventTypes.SignInFailed, SecurityEventOutcomes.Failure, client, user.Id, user.AccountId, "wrong password", ct);
        }
        return new PasswordCheckResult(PasswordCheckOutcome.Failed, null);
    }

    private static void VerifyDummy(string password) =>
        new PasswordHasher<AppUser>().VerifyHashedPassword(new AppUser(), DummyHash.Value, password);
}
