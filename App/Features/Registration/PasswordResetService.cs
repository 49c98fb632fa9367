using System.Globalization;
using Boltly.Features.Auth;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Features.TwoFactor;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Email;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Registration;

/// <summary>
/// "Forgot password?" (docs/registration.md): a request mails a link valid <see cref="RegistrationOptions.PasswordResetMinutes"/>
/// to a known address and nothing to an unknown one, answered alike; the link sets a new password once (the reset moves the
/// security stamp the token carries). A user with 2FA on also gives a TOTP or recovery code, checked by the TwoFactor
/// feature (single use, counted towards lockout). A reset ends every session of the user, everywhere.
/// </summary>
public sealed class PasswordResetService(AppDbContext db, UserManager<AppUser> users, IMailOutbox mail, SecurityEventRecorder events,
    AccountMailLimits limits, ISecondFactorMethod twoFactor, RefreshTokenService refreshTokens, UserStampCache stamps, SessionService sessions,
    ConfirmedEmail confirmedEmail, IOptions<RegistrationOptions> options, TimeProvider clock,
    ILogger<PasswordResetService> logger)
{
    public const string EmailField = "email";
    public const string TokenField = "token";
    public const string NewPasswordField = "new_password";
    public const string CodeField = "code";

    /// <summary>Mails a reset link when <paramref name="email"/> has an account; accepted either way.</summary>
    public async Task<AccountMailResult> RequestAsync(string? email, ClientInfo client, CancellationToken ct = default)
    {
        email = email?.Trim() ?? "";
        if (email.Length == 0 || email.Length > SignUpService.EmailMaxLength || !Platform.Text.TextRules.IsStorable(email))
            throw new DomainValidationException(EmailField, "Enter the email address you sign in with.");
        if (await limits.HitAsync(client.Address, email) is { } throttled) return throttled;

        var user = await users.FindByEmailAsync(email);
        if (user?.Email is null) return AccountMailResult.Accepted;
        var token = await users.GenerateUserTokenAsync(user, PasswordResetTokenProvider.ProviderName, UserManager<AppUser>.ResetPasswordTokenPurpose);
        mail.Enqueue(db, new OutgoingMail(user.Email, MailTemplate.PasswordReset, new Dictionary<string, string>
        {
            ["time"] = clock.GetUtcNow().ToString("u", CultureInfo.InvariantCulture),
            ["token"] = new AccountLinkToken(user.Id, token).ToString(),
            ["valid_minutes"] = options.Value.PasswordResetMinutes.ToString(CultureInfo.InvariantCulture),
        }));
        await db.SaveChangesAsync(ct);
        await events.RecordAsync(SecurityEventTypes.PasswordResetRequested, SecurityEventOutcomes.Success, client, user.Id, user.AccountId,
            ct: CancellationToken.None);
        return AccountMailResult.Accepted;
    }

    /// <summary>Whether the link still works, and whether a code will be asked (the page shows the field then).</summary>
    public async Task<PasswordResetLink> InspectAsync(string? token)
    {
        var user = await UserOfAsync(token);
        return user is null ? new PasswordResetLink(false, false) : new PasswordResetLink(true, user.TwoFactorEnabled);
    }

    /// <summary>Sets the new password. Throws <see cref="DomainValidationException"/> naming the field at fault: the token
    /// (malformed, expired or used), the new password (the password rules), or the code (missing or wrong, when 2FA is on).</summary>
    public async Task<AccountMailResult> ResetAsync(string? token, string? newPassword, string? code, ClientInfo client, CancellationToken ct = default)
    {
        if (await limits.HitAsync(client.Address, null) is { } throttled) return throttled;
        var link = AccountLinkToken.Parse(token);
        var user = await UserOfAsync(token);
        if (link is null || user is null) throw new DomainValidationException(TokenField, SignUpService.InvalidLinkMessage);

        if (string.IsNullOrEmpty(newPassword)) throw new DomainValidationException(NewPasswordField, "Choose a new password.");
        var rules = new List<string>();
        foreach (var validator in users.PasswordValidators)
            rules.AddRange((await validator.ValidateAsync(users, user, newPassword)).Errors.Select(e => e.Description));
        if (rules.Count > 0) throw new DomainValidationException(new Dictionary<string, string[]> { [NewPasswordField] = [.. rules] });

        if (user.TwoFactorEnabled)
        {
            if (string.IsNullOrWhiteSpace(code))
                throw new DomainValidationException(CodeField, "Two-factor authentication is on: enter a code from your authenticator app or a recovery code.");
            // Single use and counted towards lockout, as at sign-in; a locked account is refused here too.
            if (!await twoFactor.VerifySignInCodeAsync(user, code, client, ct))
                throw new DomainValidationException(CodeField, "That code is not right, or the account is locked for now.");
        }

        // Identity checks the token again and saves under the user's concurrency stamp: of two uses at once, one wins.
        var reset = await users.ResetPasswordAsync(user, link.IdentityToken, newPassword);
        if (!reset.Succeeded) throw new DomainValidationException(TokenField, SignUpService.InvalidLinkMessage);

        // The link came to the inbox: the address is the user's.
        if (!user.EmailConfirmed && await db.Users.Where(u => u.Id == user.Id && !u.EmailConfirmed)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true), CancellationToken.None) > 0)
            await confirmedEmail.ConfirmedAsync(user.Id, CancellationToken.None);

        // Every session ends, this browser's included: nothing signed in before the reset stays signed in.
        await refreshTokens.RevokeAllForUserAsync(user.Id, CancellationToken.None);
        await stamps.InvalidateAsync(user.Id, CancellationToken.None);
        var ended = await sessions.EndAllForUserAsync(user.Id, SessionEndReasons.PasswordReset, CancellationToken.None);
        logger.LogInformation("Password of user {UserId} reset; {Count} session(s) ended", user.Id, ended);
        await events.RecordAsync(SecurityEventTypes.PasswordReset, SecurityEventOutcomes.Success, client, user.Id, user.AccountId,
            user.TwoFactorEnabled ? "with a two-factor code" : null, CancellationToken.None);
        return AccountMailResult.Accepted;
    }

    private async Task<AppUser?> UserOfAsync(string? token)
    {
        if (AccountLinkToken.Parse(token) is not { } link) return null;
        var user = await users.FindByIdAsync(link.UserId.ToString());
        return user is not null
            && await users.VerifyUserTokenAsync(user, PasswordResetTokenProvider.ProviderName, UserManager<AppUser>.ResetPasswordTokenPurpose, link.IdentityToken)
            ? user : null;
    }
}
