using Boltly.Features.Auth;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Features.TwoFactor;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.AccountSecurity;

/// <summary>
/// Re-authentication with a password or a code (TOTP or recovery code), for <c>POST /v1/auth/reauthenticate</c>, the
/// dashboard's dialog and the static confirm forms (<see cref="IReauthentication"/>). A wrong secret counts towards the
/// account's lockout exactly as a failed sign-in does (<see cref="SignInAttempts"/>), and shares the sign-in rate limits,
/// so a stolen session is no guessing oracle. The code is checked by the two-factor method itself.
/// </summary>
public sealed class ReauthenticationService(UserManager<AppUser> users, SignInAttempts attempts, ISecondFactorMethod twoFactor,
    ReauthenticationWindow window, SessionStore sessions, SecurityEventRecorder events, RateLimitPolicies limits,
    ILogger<ReauthenticationService> logger) : IReauthentication
{
    public async Task<ReauthenticationResult> ReauthenticateAsync(Caller caller, string? password, string? code,
        ClientInfo client, CancellationToken ct = default)
    {
        if (caller.SessionId is not { } sessionId || caller.UserId is not { } userId
            || await sessions.GetLiveAsync(sessionId, userId, ct) is null
            || await users.FindByIdAsync(userId.ToString()) is not { } user)
            return new ReauthenticationResult(ReauthenticationOutcome.NoSession);

        var result = !string.IsNullOrEmpty(password)
            ? await CheckPasswordAsync(user, password, client, ct)
            : await CheckCodeAsync(user, code, client, ct);
        if (result.Outcome != ReauthenticationOutcome.Succeeded) return result;

        await window.OpenAsync(caller, ct);
        await events.RecordAsync(SecurityEventTypes.Reauthenticated, SecurityEventOutcomes.Success, client, user.Id, user.AccountId,
            string.IsNullOrEmpty(password) ? "code" : "password", ct);
        return result;
    }

    private async Task<ReauthenticationResult?> ThrottleAsync(AppUser user, ClientInfo client)
    {
        var throttle = await limits.HitSignInAsync(client.Address);
        if (throttle.Allowed) throttle = await limits.HitSignInAccountAsync(user.NormalizedEmail ?? user.Id.ToString());
        return throttle.Allowed ? null : new ReauthenticationResult(ReauthenticationOutcome.Throttled, throttle.ResetSeconds);
    }

    private async Task<ReauthenticationResult> CheckPasswordAsync(AppUser user, string password, ClientInfo client, CancellationToken ct)
    {
        if (await ThrottleAsync(user, client) is { } throttled) return throttled;
        await using var attempt = await attempts.BeginAsync(user, ct);
        if (attempt is not null && await users.CheckPasswordAsync(user, password))
        {
            await attempt.SucceededAsync();
            return new ReauthenticationResult(ReauthenticationOutcome.Succeeded);
        }
        var locked = attempt is not null && await attempt.FailedAsync();
        if (locked) logger.LogWarning("User {UserId} locked out after failed re-authentication attempts", user.Id);
        await events.RecordAsync(locked ? SecurityEventTypes.Lockout : SecurityEventTypes.Reauthenticated,
            attempt is null || locked ? SecurityEventOutcomes.Blocked : SecurityEventOutcomes.Failure, client, user.Id, user.AccountId,
            attempt is null ? "account locked" : "wrong password", ct);
        return new ReauthenticationResult(ReauthenticationOutcome.Failed);
    }

    private async Task<ReauthenticationResult> CheckCodeAsync(AppUser user, string? code, ClientInfo client, CancellationToken ct)
    {
        if (!user.TwoFactorEnabled || string.IsNullOrEmpty(code)) return new ReauthenticationResult(ReauthenticationOutcome.Failed);
        if (await ThrottleAsync(user, client) is { } throttled) return throttled;
        return await twoFactor.VerifySignInCodeAsync(user, code, client, ct)
            ? new ReauthenticationResult(ReauthenticationOutcome.Succeeded)
            : new ReauthenticationResult(ReauthenticationOutcome.Failed);
    }
}
