using Boltly.Features.Auth;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Passwords;

/// <summary>
/// Changing a password, for Settings → Password and <c>POST /v1/auth/change-password</c>. A wrong
/// current password counts towards lockout (a stolen session must not be a free guessing oracle);
/// success moves the security stamp, revokes every refresh token and ends other sessions.
/// </summary>
public sealed class PasswordChangeService(UserManager<AppUser> users, SecurityStampChange stampChange,
    SecurityEventRecorder events, SignInAttempts attempts)
{
    public const string CurrentField = "current_password";
    public const string NewField = "new_password";
    public const string ConfirmField = "confirm_password";

    /// <summary>Null on success; otherwise the reasons, by field (snake_case, as in the API).</summary>
    public async Task<IReadOnlyDictionary<string, string[]>?> ChangeAsync(AppUser user, string? current, string? next,
        string? confirm, ClientInfo client, CancellationToken ct = default)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(current)) errors[CurrentField] = ["Enter your current password."];
        if (string.IsNullOrEmpty(next)) errors[NewField] = ["Enter a new password."];
        else if (!string.Equals(next, confirm, StringComparison.Ordinal)) errors[ConfirmField] = ["The new passwords do not match."];
        if (errors.Count > 0) return errors;

        // Rules first: a weak new password is reported without spending a password check.
        foreach (var validator in users.PasswordValidators)
        {
            var rules = await validator.ValidateAsync(users, user, next);
            if (!rules.Succeeded) return new Dictionary<string, string[]> { [NewField] = rules.Errors.Select(e => e.Description).ToArray() };
        }

        // Checked one at a time per user, every failure counted, so parallel guesses all count (SignInAttempts).
        await using var attempt = await attempts.BeginAsync(user, ct);
        if (attempt is null || !await users.CheckPasswordAsync(user, current!))
        {
            if (attempt is not null) await attempt.FailedAsync();
            await events.RecordAsync(SecurityEventTypes.PasswordChanged, SecurityEventOutcomes.Failure, client, user.Id, user.AccountId,
                "wrong current password", ct);
            return new Dictionary<string, string[]> { [CurrentField] = ["The current password is not right."] };
        }

        await attempt.SucceededAsync();
        var changed = await users.ChangePasswordAsync(user, current!, next!); // moves the security stamp
        if (!changed.Succeeded)
            return new Dictionary<string, string[]> { [NewField] = changed.Errors.Select(e => e.Description).ToArray() };

        await stampChange.EndOtherSessionsAsync(user.Id, "password change", ct, SessionEndReasons.PasswordChange);
        await events.RecordAsync(SecurityEventTypes.PasswordChanged, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, ct: ct);
        return null;
    }
}
