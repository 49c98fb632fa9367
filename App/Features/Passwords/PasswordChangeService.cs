using Boltly.Features.Auth;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Passwords;

/// <summary>
/// Changing a password, and setting one for a user who has none (a member who joined with a passkey), for Settings →
/// Password and <c>POST /v1/auth/change-password</c>. A change needs the current password, and a wrong one counts towards
/// lockout (a stolen session must not be a free guessing oracle). Setting a first password has no current one to give,
/// so it is a sudo action instead: the session must be in its re-authentication window (<see cref="ReauthenticationWindow"/>).
/// Either way success moves the security stamp, revokes every refresh token and ends other sessions.
/// </summary>
public sealed class PasswordChangeService(UserManager<AppUser> users, SecurityStampChange stampChange,
    SecurityEventRecorder events, SignInAttempts attempts, ReauthenticationWindow sudo)
{
    public const string CurrentField = "current_password";
    public const string NewField = "new_password";
    public const string ConfirmField = "confirm_password";

    /// <summary>Whether the user has a password to give as the current one; without one, Settings → Password offers
    /// "Set a password" (<see cref="SetAsync"/>).</summary>
    public Task<bool> HasPasswordAsync(AppUser user) => users.HasPasswordAsync(user);

    /// <summary>The API's one call: a change when the user has a password (the current one required, as always), a first
    /// password (<see cref="SetAsync"/>) when they have none and left the current one out. Null on success; otherwise the
    /// reasons, by field (snake_case, as in the API). Throws <see cref="Platform.Errors.ReauthenticationRequiredException"/>
    /// when a first password is set outside the re-authentication window.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>?> ChangeAsync(Caller caller, AppUser user, string? current, string? next,
        string? confirm, ClientInfo client, CancellationToken ct = default)
    {
        if (await users.HasPasswordAsync(user)) return await ChangeExistingAsync(user, current, next, confirm, client, ct);
        // Nothing to check it against: refused rather than ignored, so a client that thinks there is a password learns there is none.
        if (!string.IsNullOrEmpty(current))
            return new Dictionary<string, string[]>
            {
                [CurrentField] = ["You have no password yet: leave the current password out, and confirm it’s you (re-authenticate) to set one."],
            };
        return await SetAsync(caller, user, next, confirm, client, ct);
    }

    /// <summary>Sets a first password for a user who has none: a sudo action (the caller's session must be in its
    /// re-authentication window, else <see cref="Platform.Errors.ReauthenticationRequiredException"/>), with the password
    /// rules. Recorded as <c>password_set</c>; other sessions end as after a change. Null on success; otherwise the reasons
    /// by field. A user who has a password is refused on <c>current_password</c>: they change it instead.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>?> SetAsync(Caller caller, AppUser user, string? next, string? confirm,
        ClientInfo client, CancellationToken ct = default)
    {
        if (NewPasswordErrors(next, confirm) is { } errors) return errors;
        await sudo.RequireOpenAsync(caller, ct);
        if (await RuleErrorsAsync(user, next!) is { } rules) return rules;

        var added = await users.AddPasswordAsync(user, next!); // moves the security stamp; refused once the user has a password
        if (!added.Succeeded)
            return added.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.UserAlreadyHasPassword))
                ? new Dictionary<string, string[]> { [CurrentField] = ["You have a password already: enter it to change it."] }
                : new Dictionary<string, string[]> { [NewField] = added.Errors.Select(e => e.Description).ToArray() };

        await stampChange.EndOtherSessionsAsync(user.Id, "password set", ct, SessionEndReasons.PasswordChange);
        await events.RecordAsync(SecurityEventTypes.PasswordSet, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, ct: ct);
        return null;
    }

    private async Task<IReadOnlyDictionary<string, string[]>?> ChangeExistingAsync(AppUser user, string? current, string? next,
        string? confirm, ClientInfo client, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(current)) errors[CurrentField] = ["Enter your current password."];
        foreach (var (field, reasons) in NewPasswordErrors(next, confirm) ?? new Dictionary<string, string[]>()) errors[field] = reasons;
        if (errors.Count > 0) return errors;

        // Rules first: a weak new password is reported without spending a password check.
        if (await RuleErrorsAsync(user, next!) is { } rules) return rules;

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

    private static Dictionary<string, string[]>? NewPasswordErrors(string? next, string? confirm)
    {
        if (string.IsNullOrEmpty(next)) return new() { [NewField] = ["Enter a new password."] };
        if (!string.Equals(next, confirm, StringComparison.Ordinal)) return new() { [ConfirmField] = ["The new passwords do not match."] };
        return null;
    }

    private async Task<IReadOnlyDictionary<string, string[]>?> RuleErrorsAsync(AppUser user, string next)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var rules = await validator.ValidateAsync(users, user, next);
            if (!rules.Succeeded) return new Dictionary<string, string[]> { [NewField] = rules.Errors.Select(e => e.Description).ToArray() };
        }
        return null;
    }
}
