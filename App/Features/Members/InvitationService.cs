using System.Globalization;
using System.Net.Mail;
using Boltly.Features.Passkeys;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Email;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.RateLimiting;
using Boltly.Platform.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Members;

/// <summary>
/// Invitations to join an account (docs/members.md): invite by email with a role, resend, withdraw, and accept with a
/// password or a passkey. The link's token is random, stored hashed, single use, valid <see cref="MemberOptions.InvitationDays"/>;
/// the mail goes through the mail outbox in the invitation's own transaction.
/// </summary>
public sealed class InvitationService(IDbContextFactory<AppDbContext> contexts, RoleGate gate, ReauthenticationWindow sudo, ConfirmedEmail confirmedEmail,
    IMailOutbox mail, UserManager<AppUser> users, IPasskeyEnrollment passkeys, SecurityEventRecorder events, IOptions<MemberOptions> options,
    RateLimitPolicies limits, TimeProvider clock, ILogger<InvitationService> logger)
{
    public const string AcceptPath = "/invitations/accept";
    private const int TokenBytes = 32;
    private const int MaxTokenLength = 256;

    /// <summary>The account's pending invitations, newest first. Any role may list them.</summary>
    public async Task<IReadOnlyList<InvitationView>> ListPendingAsync(Caller caller, CancellationToken ct = default)
    {
        SessionOnly.RequireUser(caller);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var rows = await db.Invitations.AsNoTracking().Where(Pending(now)).OrderByDescending(i => i.CreatedAt)
            .Take(options.Value.MaxPendingInvitations).ToListAsync(ct);
        return rows.Select(InvitationView.From).ToList();
    }

    /// <summary>Invites <paramref name="email"/> with <paramref name="role"/>; an earlier pending invitation of that address
    /// is replaced (its link stops working).</summary>
    public async Task<InvitationView> InviteAsync(Caller caller, string? email, string? role, ClientInfo client, CancellationToken ct = default)
    {
        var inviter = SessionOnly.RequireUser(caller);
        await gate.RequireAsync(caller, Permission.ManageMembers, ct);
        var address = ValidateInvite(email, role);
        if (!RolePermissions.MayActOnMemberRole(await gate.RoleOfAsync(caller, ct), role!))
            throw new InsufficientRoleException("Only an owner can invite an owner. It needs the role owner.");
        await sudo.RequireOpenAsync(caller, ct);
        await confirmedEmail.RequireAsync(caller, ct);

        var now = clock.GetUtcNow();
        var normalized = users.NormalizeEmail(address);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM accounts WHERE id = {caller.AccountId} FOR UPDATE", ct);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized && u.RemovedAt == null, ct))
            throw new InvalidStateException($"{address} is already a member of this account.");
        var pending = await db.Invitations.Where(Pending(now)).ToListAsync(ct);
        foreach (var earlier in pending.Where(i => i.NormalizedEmail == normalized)) earlier.WithdrawnAt = now;
        if (pending.Count(i => i.NormalizedEmail != normalized) >= options.Value.MaxPendingInvitations)
            throw new InvalidStateException($"This account has {options.Value.MaxPendingInvitations} pending invitations, the most it can have. " +
                "Withdraw one first.");

        var token = SecretHasher.RandomUrlToken(TokenBytes);
        var invitation = new Invitation
        {
            AccountId = caller.AccountId, Email = address, NormalizedEmail = normalized, Role = role!, TokenHash = SecretHasher.Sha256Hex(token),
            InvitedByUserId = inviter, CreatedAt = now, ExpiresAt = now.AddDays(options.Value.InvitationDays),
        };
        db.Invitations.Add(invitation);
        await EnqueueMailAsync(db, invitation, token, inviter, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        logger.LogInformation("Invitation {InvitationId} to account {AccountId} as {Role} by user {UserId}", invitation.Id, caller.AccountId, role, inviter);
        await events.RecordAsync(new AuditEntry(SecurityEventTypes.MemberInvited, SecurityEventOutcomes.Success, AuditActor.Of(caller),
            caller.AccountId, client) { SubjectName = address, Detail = role }, ct);
        return InvitationView.From(invitation);
    }

    /// <summary>Sends a pending invitation again with a new link (the old one stops working) and a new expiry; null when
    /// the account has no such pending invitation.</summary>
    public async Task<InvitationView?> ResendAsync(Caller caller, Guid invitationId, ClientInfo client, CancellationToken ct = default)
    {
        var actor = SessionOnly.RequireUser(caller);
        await gate.RequireAsync(caller, Permission.ManageMembers, ct);
        await confirmedEmail.RequireAsync(caller, ct);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var invitation = await db.Invitations.Where(Pending(now)).FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null) return null;
        if (!RolePermissions.MayActOnMemberRole(await gate.RoleOfAsync(caller, ct), invitation.Role))
            throw new InsufficientRoleException("Only an owner can resend an invitation as owner. It needs the role owner.");
        var token = SecretHasher.RandomUrlToken(TokenBytes);
        invitation.TokenHash = SecretHasher.Sha256Hex(token);
        invitation.ExpiresAt = now.AddDays(options.Value.InvitationDays);
        await EnqueueMailAsync(db, invitation, token, actor, ct);
        await db.SaveChangesAsync(ct);
        await events.RecordAsync(new AuditEntry(SecurityEventTypes.InvitationResent, SecurityEventOutcomes.Success, AuditActor.Of(caller),
            caller.AccountId, client) { SubjectName = invitation.Email, Detail = invitation.Role }, ct);
        return InvitationView.From(invitation);
    }

    /// <summary>Withdraws a pending invitation: its link stops working. False when the account has no such pending invitation.</summary>
    public async Task<bool> WithdrawAsync(Caller caller, Guid invitationId, ClientInfo client, CancellationToken ct = default)
    {
        SessionOnly.RequireUser(caller);
        await gate.RequireAsync(caller, Permission.ManageMembers, ct);
        await confirmedEmail.RequireAsync(caller, ct);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var invitation = await db.Invitations.Where(Pending(now)).FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        if (invitation is null) return false;
        if (!RolePermissions.MayActOnMemberRole(await gate.RoleOfAsync(caller, ct), invitation.Role))
            throw new InsufficientRoleException("Only an owner can withdraw an invitation as owner. It needs the role owner.");
        invitation.WithdrawnAt = now;
        await db.SaveChangesAsync(ct);
        await events.RecordAsync(new AuditEntry(SecurityEventTypes.InvitationWithdrawn, SecurityEventOutcomes.Success, AuditActor.Of(caller),
            caller.AccountId, client) { SubjectName = invitation.Email, Detail = invitation.Role }, ct);
        return true;
    }

    /// <summary>WebAuthn creation options for accepting the invitation with a passkey: the token is checked exactly as
    /// <see cref="AcceptAsync"/> checks it (the same 400 and 409) before any options are issued. The ceremony is kept under
    /// the invitation (its token's hash), one at a time, for the future user's id. Limited per client address
    /// (<see cref="RateLimitPolicies.HitInvitationPasskeyOptionsAsync"/>), before anything is checked.</summary>
    public async Task<string> BeginPasskeyAsync(string? token, ClientInfo client, CancellationToken ct = default)
    {
        await ThrottleAsync(limits.HitInvitationPasskeyOptionsAsync(client.Address));
        var errors = new ValidationErrors();
        CheckToken(errors, token);
        errors.ThrowIfAny();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var invitation = await AcceptableAsync(db, token!, ct);
        return await passkeys.BeginAsync(invitation.TokenHash, MonotonicUuidV7.NewId(), invitation.Email);
    }

    /// <summary>Accepts an invitation: creates the user in the inviting account with the invited role, either with the
    /// given password or with the passkey registered in the ceremony <see cref="BeginPasskeyAsync"/> began (then without a
    /// password); exactly one of the two. A link that is unknown, used, withdrawn or expired is a 400; an email that already
    /// has an account, 409. The link works once: of any number of accepts at once, one creates the user. Limited per client
    /// address (<see cref="RateLimitPolicies.HitInvitationAcceptAsync"/>), before anything is checked.</summary>
    public async Task<AcceptedInvitationResponse> AcceptAsync(string? token, string? password, string? credential, ClientInfo client,
        CancellationToken ct = default)
    {
        await ThrottleAsync(limits.HitInvitationAcceptAsync(client.Address));
        var errors = new ValidationErrors();
        CheckToken(errors, token);
        var withPassword = !string.IsNullOrEmpty(password);
        var withPasskey = !string.IsNullOrEmpty(credential);
        if (withPassword && withPasskey) errors.Add("credential", "Give a password or a passkey credential, not both.");
        else if (!withPassword && !withPasskey) errors.Add("password", "Choose a password, or register a passkey (credential).");
        errors.ThrowIfAny();

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var invitation = await AcceptableAsync(db, token!, ct);
        var user = new AppUser
        {
            UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, AccountId = invitation.AccountId,
            Role = invitation.Role, CreatedAt = now,
        };
        VerifiedNewPasskey? passkey = null;
        if (withPassword) await CheckPasswordAsync(user, password!);
        else
        {
            // The ceremony is spent here whatever follows: a replayed answer finds none.
            try
            {
                passkey = await passkeys.VerifyAsync(invitation.TokenHash, credential!);
            }
            catch (PasskeyVerificationException e)
            {
                throw new DomainValidationException("credential", e.Message);
            }
            user.Id = passkey.UserId;
        }
        // Claim the link first, conditionally: of two accepts at once, one wins and the other finds it used.
        var claimed = await db.Invitations.IgnoreQueryFilters()
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.WithdrawnAt == null && i.TokenHash == invitation.TokenHash)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, now), ct);
        if (claimed == 0)
            throw new DomainValidationException(new Dictionary<string, string[]> { ["token"] = ["This invitation link was just used."] });
        var created = passkey is null ? await users.CreateAsync(user, password!) : await passkeys.CreateUserAsync(user, passkey, client, ct);
        if (!created.Succeeded)
        {
            await db.Invitations.IgnoreQueryFilters().Where(i => i.Id == invitation.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(i => i.AcceptedAt, (DateTimeOffset?)null), CancellationToken.None);
            if (created.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName"))
                throw new InvalidStateException("This email address already has an account. Sign in with it instead.");
            throw new DomainValidationException(new Dictionary<string, string[]>
            {
                [passkey is null ? "password" : "credential"] = created.Errors.Select(e => e.Description).ToArray(),
            });
        }
        var accountName = await db.Accounts.Where(a => a.Id == invitation.AccountId).Select(a => a.Name).FirstAsync(CancellationToken.None);
        logger.LogInformation("Invitation {InvitationId} accepted with a {Method}: user {UserId} joined account {AccountId}", invitation.Id,
            passkey is null ? "password" : "passkey", user.Id, invitation.AccountId);
        await events.RecordAsync(new AuditEntry(SecurityEventTypes.MemberJoined, SecurityEventOutcomes.Success, AuditActor.Member(user.Id, user.Email),
            invitation.AccountId, client) { SubjectUserId = user.Id, Detail = invitation.Role }, CancellationToken.None);
        return new AcceptedInvitationResponse(user.Id, user.Email, user.Role, accountName);
    }

    // Every request counts, a bad one too: the limit is on the work a request without a credential can make us do.
    private static async Task ThrottleAsync(ValueTask<RateLimitDecision> hit)
    {
        var decision = await hit;
        if (!decision.Allowed) throw new RateLimitedException(decision.ResetSeconds);
    }

    private static void CheckToken(ValidationErrors errors, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength) errors.Add("token", "The invitation link is not valid.");
    }

    /// <summary>The pending invitation behind <paramref name="token"/>, for an email that has no account yet: else the
    /// contract's 400 on <c>token</c> (the same for unknown, used, withdrawn and expired) or 409.</summary>
    private async Task<Invitation> AcceptableAsync(AppDbContext db, string token, CancellationToken ct)
    {
        var hash = SecretHasher.Sha256Hex(token);
        var now = clock.GetUtcNow();
        var invitation = await db.Invitations.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
        if (invitation is null || invitation.AcceptedAt is not null || invitation.WithdrawnAt is not null || invitation.ExpiresAt <= now)
            throw new DomainValidationException(new Dictionary<string, string[]>
            {
                ["token"] = ["This invitation link is not valid any more: it was used, withdrawn or has expired. Ask for a new invitation."],
            });
        if (await users.FindByEmailAsync(invitation.Email) is not null)
            throw new InvalidStateException("This email address already has an account. Sign in with it instead.");
        return invitation;
    }

    private async Task CheckPasswordAsync(AppUser user, string password)
    {
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, password);
            if (!check.Succeeded)
                throw new DomainValidationException(new Dictionary<string, string[]> { ["password"] = check.Errors.Select(e => e.Description).ToArray() });
        }
    }

    private static System.Linq.Expressions.Expression<Func<Invitation, bool>> Pending(DateTimeOffset now) =>
        i => i.AcceptedAt == null && i.WithdrawnAt == null && i.ExpiresAt > now;

    private static string ValidateInvite(string? email, string? role)
    {
        var errors = new ValidationErrors();
        var address = email?.Trim() ?? "";
        if (address.Length == 0 || address.Length > MemberOptions.MaxEmailLength || !MailAddress.TryCreate(address, out var parsed)
            || parsed.Address != address)
            errors.Add("email", "Give one email address, such as colleague@example.com.");
        if (role is null) errors.Add("role", "Choose a role.");
        errors.OneOf("role", role, MemberRoles.All);
        errors.ThrowIfAny();
        return address;
    }

    private async Task EnqueueMailAsync(AppDbContext db, Invitation invitation, string token, Guid inviterId, CancellationToken ct)
    {
        var inviter = await db.Users.Where(u => u.Id == inviterId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? "A colleague";
        var accountName = await db.Accounts.Where(a => a.Id == invitation.AccountId).Select(a => a.Name).FirstAsync(ct);
        mail.Enqueue(db, new OutgoingMail(invitation.Email, MailTemplate.MemberInvitation, new Dictionary<string, string>
        {
            ["inviter"] = inviter,
            ["account_name"] = accountName,
            ["role"] = invitation.Role,
            // The link is the template's: Portal:PublicUrl + AcceptPath + this token.
            ["token"] = Uri.EscapeDataString(token),
            ["expires_at"] = invitation.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture),
        }));
    }
}
