using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Boltly.Features.SecurityEvents;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Email;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Registration;

/// <summary>
/// Sign-up and email confirmation (docs/registration.md), for the dashboard's pages and <c>/v1/auth/signup</c> alike.
/// A sign-up with an address that already has an account changes nothing and mails that address instead; it is
/// answered exactly like a new one and does the same expensive work (the password rules, one password hash, one
/// queued mail, one security event), so neither the answer nor its time tells whether the address is known.
/// </summary>
public sealed class SignUpService(AppDbContext db, UserManager<AppUser> users, IMailOutbox mail, SecurityEventRecorder events,
    AccountMailLimits limits, ConfirmedEmail confirmedEmail, IOptions<RegistrationOptions> options,
    TimeProvider clock, ILogger<SignUpService> logger)
{
    public const string AccountNameField = "account_name";
    public const string EmailField = "email";
    public const string PasswordField = "password";
    public const string TokenField = "token";
    public const int AccountNameMaxLength = 200;
    public const int EmailMaxLength = 256;
    public const string InvalidLinkMessage = "This link is not valid: it may have expired or been used already.";

    public bool IsOpen => options.Value.AllowSignUp;

    /// <summary>Creates the account and its owner and mails the confirmation link, or mails a known address that someone
    /// tried. Throws <see cref="DomainValidationException"/> for bad input (the same for a known and a new address).</summary>
    public async Task<AccountMailResult> SignUpAsync(NewSignUp request, ClientInfo client, CancellationToken ct = default)
    {
        if (!IsOpen) return new AccountMailResult(AccountMailOutcome.SignUpClosed);
        var (accountName, email) = await ValidateAsync(request);
        if (await limits.HitAsync(client.Address, email) is { } throttled) return throttled;

        var existing = await users.FindByEmailAsync(email);
        // The one who signs up founds the account: its first owner (docs/members.md).
        var user = new AppUser { UserName = email, Email = email, Role = MemberRoles.Owner, CreatedAt = clock.GetUtcNow() };
        // Hashed on both paths: the hash is the slow part of a sign-up, and its absence would tell.
        user.PasswordHash = users.PasswordHasher.HashPassword(user, request.Password!);
        if (existing is null && await CreateAsync(accountName, user, client, ct)) return AccountMailResult.Accepted;

        await TriedAsync(existing ?? await users.FindByEmailAsync(email), email, client, ct);
        return AccountMailResult.Accepted;
    }

    /// <summary>Confirms the address the link was sent to. False for a link that is malformed, expired, for another
    /// purpose, or already used (an address is confirmed once: a second use finds it confirmed).</summary>
    public async Task<bool> ConfirmEmailAsync(string? token, ClientInfo client, CancellationToken ct = default)
    {
        if (AccountLinkToken.Parse(token) is not { } link) return false;
        var user = await users.FindByIdAsync(link.UserId.ToString());
        if (user is null || user.EmailConfirmed
            || !await users.VerifyUserTokenAsync(user, EmailConfirmationTokenProvider.ProviderName, UserManager<AppUser>.ConfirmEmailTokenPurpose, link.IdentityToken))
            return false;
        // One conditional UPDATE: of two uses at once, one confirms and the other finds nothing to change.
        var confirmed = await db.Users.Where(u => u.Id == user.Id && !u.EmailConfirmed)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, true), ct);
        if (confirmed == 0) return false;
        await confirmedEmail.ConfirmedAsync(user.Id, CancellationToken.None);
        await events.RecordAsync(SecurityEventTypes.EmailConfirmed, SecurityEventOutcomes.Success, client, user.Id, user.AccountId, ct: CancellationToken.None);
        return true;
    }

    /// <summary>Mails the signed-in user a new confirmation link, when their address is not confirmed yet; accepted
    /// either way. Earlier links keep working until one of them is used.</summary>
    public async Task<AccountMailResult> ResendConfirmationAsync(Caller caller, ClientInfo client, CancellationToken ct = default)
    {
        var userId = SessionOnly.RequireUser(caller);
        var user = await users.FindByIdAsync(userId.ToString());
        if (await limits.HitAsync(client.Address, user?.Email) is { } throttled) return throttled;
        if (user is null || user.EmailConfirmed || string.IsNullOrEmpty(user.Email)) return AccountMailResult.Accepted;
        var account = await db.Accounts.AsNoTracking().Where(a => a.Id == user.AccountId).Select(a => a.Name).FirstOrDefaultAsync(ct);
        await EnqueueConfirmationAsync(user, account ?? "", ct);
        await db.SaveChangesAsync(ct);
        return AccountMailResult.Accepted;
    }

    private async Task<(string AccountName, string Email)> ValidateAsync(NewSignUp request)
    {
        var errors = new ValidationErrors();
        var accountName = request.AccountName?.Trim() ?? "";
        if (accountName.Length == 0) errors.Add(AccountNameField, "Enter a name for your account (your company or project).");
        else if (accountName.Length > AccountNameMaxLength) errors.Add(AccountNameField, $"Use at most {AccountNameMaxLength} characters.");
        else if (TextRules.NameProblem(accountName) is { } problem) errors.Add(AccountNameField, problem);

        var email = request.Email?.Trim() ?? "";
        if (email.Length == 0) errors.Add(EmailField, "Enter your email address.");
        else if (email.Length > EmailMaxLength || !TextRules.IsStorable(email) || !new EmailAddressAttribute().IsValid(email))
            errors.Add(EmailField, "Enter a valid email address.");

        if (string.IsNullOrEmpty(request.Password)) errors.Add(PasswordField, "Choose a password.");
        else
        {
            // The rules run for a known address too, with the same personal inputs: a refusal must not depend on it.
            var candidate = new AppUser { UserName = email, Email = email };
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, candidate, request.Password);
                foreach (var error in result.Errors) errors.Add(PasswordField, error.Description);
            }
        }
        errors.ThrowIfAny();
        return (accountName, email);
    }

    /// <summary>The account, its owner and the confirmation mail in one transaction. False when the address was taken
    /// meanwhile (another sign-up won the race): then it is answered as a known address.</summary>
    private async Task<bool> CreateAsync(string accountName, AppUser user, ClientInfo client, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var account = new Account { Name = accountName, CreatedAt = user.CreatedAt };
        db.Accounts.Add(account);
        user.AccountId = account.Id;
        try
        {
            await db.SaveChangesAsync(ct);
            var created = await users.CreateAsync(user); // the password is already hashed: rules ran in ValidateAsync
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return false;
            }
            await EnqueueConfirmationAsync(user, accountName, ct);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return false;
        }
        logger.LogInformation("Account {AccountId} signed up; owner {UserId}", account.Id, user.Id);
        await events.RecordAsync(SecurityEventTypes.SignedUp, SecurityEventOutcomes.Success, client, user.Id, account.Id, ct: CancellationToken.None);
        return true;
    }

    private async Task EnqueueConfirmationAsync(AppUser user, string accountName, CancellationToken ct)
    {
        var token = await users.GenerateUserTokenAsync(user, EmailConfirmationTokenProvider.ProviderName, UserManager<AppUser>.ConfirmEmailTokenPurpose);
        mail.Enqueue(db, new OutgoingMail(user.Email!, MailTemplate.EmailConfirmation, new Dictionary<string, string>
        {
            ["account_name"] = accountName,
            // The link is the template's, from Portal:PublicUrl; the token is base64url, safe in a URL as it is.
            ["token"] = new AccountLinkToken(user.Id, token).ToString(),
            ["valid_hours"] = options.Value.EmailConfirmationHours.ToString(CultureInfo.InvariantCulture),
        }));
        ct.ThrowIfCancellationRequested();
    }

    private async Task TriedAsync(AppUser? existing, string email, ClientInfo client, CancellationToken ct)
    {
        mail.Enqueue(db, new OutgoingMail(existing?.Email ?? email, MailTemplate.SignUpAttempt, new Dictionary<string, string>
        {
            ["time"] = clock.GetUtcNow().ToString("u", CultureInfo.InvariantCulture),
        }));
        await db.SaveChangesAsync(ct);
        await events.RecordAsync(SecurityEventTypes.SignUpWithExistingEmail, SecurityEventOutcomes.Blocked, client, existing?.Id, existing?.AccountId,
            ct: CancellationToken.None);
    }
}
