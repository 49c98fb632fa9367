using Boltly.Features.Auth;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Boltly.Features.TwoFactor;

/// <summary>
/// Two-factor authentication for the dashboard pages and <c>/v1/auth/*</c> alike: setup, enabling,
/// disabling, new recovery codes, and the second step of signing in. Every change needs the caller's session inside
/// its re-authentication window (docs/sessions.md). Every wrong secret counts towards
/// lockout, also when many arrive at once (<see cref="SignInAttempts"/>); every change of state moves the
/// security stamp and ends other sessions.
/// </summary>
public sealed class TwoFactorService(UserManager<AppUser> users, AuthenticatorSecretStore secrets,
    TotpTokenProvider totpCodes, RecoveryCodeService recoveryCodes, SecurityStampChange stampChange, SecurityEventRecorder events,
    SignInAttempts attempts, ReauthenticationWindow sudo, ILogger<TwoFactorService> logger) : ISecondFactorMethod
{
    public async Task<TwoFactorStatus> GetStatusAsync(AppUser user, CancellationToken ct = default)
    {
        if (user.TwoFactorEnabled)
            return new TwoFactorStatus(true, false, await recoveryCodes.CountRemainingAsync(user.Id, ct));
        return new TwoFactorStatus(false, await secrets.GetAsync(users, user) is not null, 0);
    }

    /// <summary>Creates a new secret (replacing an unconfirmed one); 2FA stays off until a code confirms it.</summary>
    public async Task<TwoFactorSetup> BeginSetupAsync(Caller caller, AppUser user)
    {
        await sudo.RequireOpenAsync(caller);
        EnsureOff(user);
        var secret = TotpAlgorithm.NewSecret();
        var stored = await secrets.SetAsync(users, user, secret);
        if (!stored.Succeeded) throw new InvalidOperationException("The authenticator secret could not be stored.");
        await totpCodes.ResetReplayGuardAsync(user);
        logger.LogInformation("2FA setup started for user {UserId}", user.Id);
        return Describe(user, secret);
    }

    /// <summary>The unconfirmed setup, to show again after a wrong code; null when there is none.</summary>
    public async Task<TwoFactorSetup?> GetPendingSetupAsync(AppUser user)
    {
        if (user.TwoFactorEnabled) return null;
        var secret = await secrets.GetAsync(users, user);
        return secret is null ? null : Describe(user, secret);
    }

    /// <summary>Turns 2FA on when <paramref name="code"/> is valid for the pending secret and returns the
    /// first recovery codes (shown once); null for a wrong code, and 2FA stays off.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(Caller caller, AppUser user, string? code, ClientInfo client, CancellationToken ct = default)
    {
        await sudo.RequireOpenAsync(caller, ct);
        EnsureOff(user);
        if (await secrets.GetAsync(users, user) is null)
            throw new DomainValidationException("code", "Start the two-factor setup first.");
        if (!await VerifyTotpAsync(user, code)) return null;

        Check(await users.SetTwoFactorEnabledAsync(user, true)); // moves the security stamp
        var codes = await recoveryCodes.ReplaceAsync(user.Id, ct);
        await stampChange.EndOtherSessionsAsync(user.Id, "2FA enabled", ct, SessionEndReasons.TwoFactorChange);
        await events.RecordAsync(SecurityEventTypes.TwoFactorEnabled, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, ct: ct);
        return codes;
    }

    /// <summary>Turns 2FA off when the password or a current code is right; false otherwise.</summary>
    public async Task<bool> DisableAsync(Caller caller, AppUser user, string? password, string? code, ClientInfo client, CancellationToken ct = default)
    {
        await sudo.RequireOpenAsync(caller, ct);
        if (!user.TwoFactorEnabled) throw new DomainValidationException("code", "Two-factor authentication is already off.");
        var proven = !string.IsNullOrEmpty(password)
            ? await CheckPasswordAsync(user, password)
            : await VerifyTotpAsync(user, code);
        if (!proven) return false;
        await TurnOffAsync(user, client, ct);
        return true;
    }

    /// <summary>Turns 2FA off right after the person re-authenticated in the same request (the Security page's confirm
    /// step, docs/sessions.md): that password or code is the proof, so a second one is not asked for (a code could
    /// not be given twice in one step anyway: codes are single-use).</summary>
    public async Task DisableAfterReauthenticationAsync(Caller caller, AppUser user, ReauthenticationResult proof, ClientInfo client, CancellationToken ct = default)
    {
        EnsureProven(proof);
        await sudo.RequireOpenAsync(caller, ct);
        if (!user.TwoFactorEnabled) throw new DomainValidationException("code", "Two-factor authentication is already off.");
        await TurnOffAsync(user, client, ct);
    }

    private async Task TurnOffAsync(AppUser user, ClientInfo client, CancellationToken ct)
    {
        Check(await users.SetTwoFactorEnabledAsync(user, false)); // moves the security stamp
        Check(await secrets.RemoveAsync(users, user));
        await recoveryCodes.DeleteAllAsync(user.Id, ct);
        await stampChange.EndOtherSessionsAsync(user.Id, "2FA disabled", ct, SessionEndReasons.TwoFactorChange);
        await events.RecordAsync(SecurityEventTypes.TwoFactorDisabled, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, ct: ct);
    }

    /// <summary>Replaces the recovery codes when <paramref name="code"/> is a current TOTP code; null otherwise.</summary>
    public async Task<IReadOnlyList<string>?> ResetRecoveryCodesAsync(Caller caller, AppUser user, string? code, ClientInfo client, CancellationToken ct = default)
    {
        await sudo.RequireOpenAsync(caller, ct);
        if (!user.TwoFactorEnabled) throw new DomainValidationException("code", "Turn on two-factor authentication first.");
        if (!await VerifyTotpAsync(user, code)) return null;
        return await ReplaceCodesAsync(user, client, ct);
    }

    /// <summary>Replaces the recovery codes right after the person re-authenticated with a code in the same request
    /// (the Security page's confirm step): that code is the proof the reset asks for, and it cannot be given twice.</summary>
    public async Task<IReadOnlyList<string>> ResetRecoveryCodesAfterReauthenticationAsync(Caller caller, AppUser user, ReauthenticationResult proof,
        ClientInfo client, CancellationToken ct = default)
    {
        EnsureProven(proof);
        await sudo.RequireOpenAsync(caller, ct);
        if (!user.TwoFactorEnabled) throw new DomainValidationException("code", "Turn on two-factor authentication first.");
        return await ReplaceCodesAsync(user, client, ct);
    }

    private async Task<IReadOnlyList<string>> ReplaceCodesAsync(AppUser user, ClientInfo client, CancellationToken ct)
    {
        var codes = await recoveryCodes.ReplaceAsync(user.Id, ct);
        Check(await users.UpdateSecurityStampAsync(user));
        await stampChange.EndOtherSessionsAsync(user.Id, "recovery codes reset", ct);
        await events.RecordAsync(SecurityEventTypes.RecoveryCodesReset, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, ct: ct);
        return codes;
    }

    private static void EnsureProven(ReauthenticationResult proof)
    {
        if (proof.Outcome != ReauthenticationOutcome.Succeeded)
            throw new InvalidOperationException("Only a re-authentication that succeeded stands in for the password or code.");
    }

    /// <summary>
    /// The second step of signing in: a TOTP code, or a recovery code (anything that is not six digits).
    /// The lockout is checked before the code is looked at (a locked account's code never is), and a wrong
    /// code is counted before the next attempt of the same user is checked (<see cref="SignInAttempts"/>).
    /// </summary>
    /// <param name="claim">Called once the lockout is checked and before the code is: false refuses without
    /// looking at the code or counting a failure (an <c>mfa_token</c> already used).</param>
    public async Task<bool> VerifySignInCodeAsync(AppUser user, string? code, ClientInfo client, CancellationToken ct = default,
        Func<Task<bool>>? claim = null)
    {
        await using var attempt = user.TwoFactorEnabled ? await attempts.BeginAsync(user, ct) : null;
        if (attempt is null || (claim is not null && !await claim()))
        {
            await events.RecordAsync(SecurityEventTypes.SignInFailed, SecurityEventOutcomes.Blocked, client, user.Id, user.AccountId, "2FA step refused", ct);
            return false;
        }

        var isTotp = TotpAlgorithm.Normalize(code) is not null;
        var ok = isTotp
            ? await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.ProviderName, code!)
            : await recoveryCodes.RedeemAsync(user.Id, code, ct);
        if (!ok)
        {
            await RecordFailureAsync(user, await attempt.FailedAsync(), client, isTotp ? "wrong 2FA code" : "wrong recovery code", ct);
            return false;
        }

        await attempt.SucceededAsync();
        if (!isTotp)
        {
            var left = await recoveryCodes.CountRemainingAsync(user.Id, ct);
            await events.RecordAsync(SecurityEventTypes.RecoveryCodeUsed, SecurityEventOutcomes.Success, client, user.Id, user.AccountId,
                $"{left} recovery codes left", ct);
        }
        await events.RecordAsync(SecurityEventTypes.SignIn, SecurityEventOutcomes.Success, client, user.Id, user.AccountId,
            isTotp ? "with authenticator code" : "with recovery code", ct);
        return true;
    }

    private async Task<bool> VerifyTotpAsync(AppUser user, string? code)
    {
        if (TotpAlgorithm.Normalize(code) is not { } digits) return false;
        await using var attempt = await attempts.BeginAsync(user);
        if (attempt is null) return false;
        if (!await users.VerifyTwoFactorTokenAsync(user, TotpTokenProvider.ProviderName, digits))
        {
            await attempt.FailedAsync();
            return false;
        }
        await attempt.SucceededAsync();
        return true;
    }

    private async Task<bool> CheckPasswordAsync(AppUser user, string password)
    {
        await using var attempt = await attempts.BeginAsync(user);
        if (attempt is null) return false;
        if (!await users.CheckPasswordAsync(user, password))
        {
            await attempt.FailedAsync();
            return false;
        }
        await attempt.SucceededAsync();
        return true;
    }

    private async Task RecordFailureAsync(AppUser user, bool lockedNow, ClientInfo client, string detail, CancellationToken ct)
    {
        if (lockedNow)
        {
            logger.LogWarning("User {UserId} locked out after wrong 2FA codes", user.Id);
            await events.RecordAsync(SecurityEventTypes.Lockout, SecurityEventOutcomes.Blocked, client, user.Id, user.AccountId, detail, ct);
        }
        else
        {
            await events.RecordAsync(SecurityEventTypes.SignInFailed, SecurityEventOutcomes.Failure, client, user.Id, user.AccountId, detail, ct);
        }
    }

    private static TwoFactorSetup Describe(AppUser user, byte[] secret)
    {
        var base32 = Base32Encoding.ToString(secret).TrimEnd('=');
        var uri = AuthenticatorUri.For(user.Email ?? user.UserName ?? user.Id.ToString(), base32);
        return new TwoFactorSetup(base32, AuthenticatorUri.GroupedKey(base32), uri, AuthenticatorUri.QrCodeSvg(uri));
    }

    private static void EnsureOff(AppUser user)
    {
        if (user.TwoFactorEnabled) throw new DomainValidationException("code", "Two-factor authentication is already on.");
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException("Saving the user failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
    }
}
