using Boltly.Features.Auth;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.Pagination;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Members;

/// <summary>
/// The account's members: list, change a role, remove (docs/members.md). Who may do what is
/// <see cref="RolePermissions"/>'s; this service asks it, with the caller's current role, for the dashboard and the API
/// alike. An account always keeps at least one owner.
/// </summary>
public sealed class MemberService(IDbContextFactory<AppDbContext> contexts, RoleGate gate, MemberRoleCache roles,
    ReauthenticationWindow sudo, ConfirmedEmail confirmedEmail, SessionService sessions, RefreshTokenService refreshTokens, UserStampCache stamps,
    SecurityEventRecorder events, TimeProvider clock, ILogger<MemberService> logger)
{
    /// <summary>The most members one list shows (an account of a few people to a few dozen).</summary>
    public const int MaxListed = 500;

    /// <summary>Every current member of the caller's account, owners first, then by email. Any role may list.</summary>
    public async Task<Page<MemberView>> ListAsync(Caller caller, CancellationToken ct = default)
    {
        SessionOnly.RequireUser(caller);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var rows = await db.Users.AsNoTracking()
            .Where(u => u.RemovedAt == null)
            .OrderBy(u => u.Email).Take(MaxListed)
            .Select(u => new MemberView(u.Id, u.Email!, u.Role, u.CreatedAt, u.TwoFactorEnabled))
            .ToListAsync(ct);
        var ordered = rows.OrderBy(m => RankOf(m.Role)).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase).ToList();
        return new Page<MemberView>(ordered, false, null);
    }

    /// <summary>Gives a member another role; null when the account has no such member.</summary>
    public async Task<MemberView?> ChangeRoleAsync(Caller caller, Guid memberId, string? role, ClientInfo client, CancellationToken ct = default)
    {
        SessionOnly.RequireUser(caller);
        await gate.RequireAsync(caller, Permission.ManageMembers, ct);
        var errors = new ValidationErrors();
        if (role is null) errors.Add("role", "Choose a role.");
        errors.OneOf("role", role, MemberRoles.All);
        errors.ThrowIfAny();
        await sudo.RequireOpenAsync(caller, ct);
        await confirmedEmail.RequireAsync(caller, ct);

        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The account row lock serialises member changes of one account on every instance: two owners demoting each
        // other at once cannot leave the account without one.
        await LockAccountAsync(db, caller.AccountId, ct);
        var member = await FindAsync(db, memberId, ct);
        if (member is null) return null;
        await RequireMayActOnAsync(caller, member.Role, role!, ct);
        if (member.Role == role) return ViewOf(member);
        if (member.Role == MemberRoles.Owner) await RequireAnotherOwnerAsync(db, ct);
        var before = member.Role;
        member.Role = role!;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Committed: every instance forgets the old role now, whatever becomes of this request.
        await roles.InvalidateAsync(member.Id, CancellationToken.None);
        logger.LogInformation("Member {UserId} of account {AccountId} changed from {Before} to {After} by user {Actor}",
            member.Id, caller.AccountId, before, role, caller.UserId);
        await events.RecordAsync(new AuditEntry(SecurityEventTypes.MemberRoleChanged, SecurityEventOutcomes.Success, AuditActor.Of(caller),
            caller.AccountId, client) { SubjectUserId = member.Id, Detail = $"{before} → {role}" }, ct);
        return ViewOf(member);
    }

    /// <summary>Removes a member from the account: every session of theirs ends at once, everywhere, their refresh tokens
    /// are revoked and they can no longer sign in; the keys they created stay, shown as made by a former member.
    /// False when the account has no such member.</summary>
    public async Task<bool> RemoveAsync(Caller caller, Guid memberId, ClientInfo client, CancellationToken ct = default)
    {
        SessionOnly.RequireUser(caller);
        await gate.RequireAsync(caller, Permission.ManageMembers, ct);
        await sudo.RequireOpenAsync(caller, ct);
        await confirmedEmail.RequireAsync(caller, ct);

        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAccountAsync(db, caller.AccountId, ct);
        var member = await FindAsync(db, memberId, ct);
        if (member is null) return false;
        await RequireMayActOnAsync(caller, member.Role, member.Role, ct);
        if (member.Role == MemberRoles.Owner) await RequireAnotherOwnerAsync(db, ct);
        member.RemovedAt = clock.GetUtcNow();
        // No sign-in finds the user any more (password and passkey alike), and the address can be invited again.
        member.NormalizedEmail = null;
        member.NormalizedUserName = null;
        member.LockoutEnabled = true;
        member.LockoutEnd = DateTimeOffset.MaxValue;
        member.SecurityStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        // Committed: from here on nothing cancels. The sessions end at once on this instance and within a second elsewhere.
        await sessions.EndAllForUserAsync(member.Id, SessionEndReasons.MemberRemoved, CancellationToken.None);
        await refreshTokens.RevokeAllForUserAsync(member.Id, CancellationToken.None);
        await stamps.InvalidateAsync(member.Id, CancellationToken.None);
        await roles.InvalidateAsync(member.Id, CancellationToken.None);
        logger.LogInformation("Member {UserId} removed from account {AccountId} by user {Actor}", member.Id, caller.AccountId, caller.UserId);
        await events.RecordAsync(new AuditEntry(SecurityEventTypes.MemberRemoved, SecurityEventOutcomes.Success, AuditActor.Of(caller),
            caller.AccountId, client) { SubjectUserId = member.Id, SubjectName = member.Email, Detail = member.Role }, CancellationToken.None);
        return true;
    }

    /// <summary>Whether the caller may change or remove a member holding <paramref name="targetRole"/> (the Members page's
    /// controls): <see cref="RolePermissions.MayActOnMemberRole"/> with the caller's current role.</summary>
    public async ValueTask<bool> MayActOnAsync(Caller caller, string targetRole, CancellationToken ct = default) =>
        await gate.AllowsAsync(caller, Permission.ManageMembers, ct)
        && RolePermissions.MayActOnMemberRole(await gate.RoleOfAsync(caller, ct), targetRole);

    /// <summary>The roles the caller may give (an admin never makes an owner).</summary>
    public async ValueTask<IReadOnlyList<string>> AssignableRolesAsync(Caller caller, CancellationToken ct = default)
    {
        var role = await gate.RoleOfAsync(caller, ct);
        return MemberRoles.All.Where(r => RolePermissions.MayActOnMemberRole(role, r)).ToList();
    }

    private async Task RequireMayActOnAsync(Caller caller, string targetRole, string newRole, CancellationToken ct)
    {
        var mine = await gate.RoleOfAsync(caller, ct);
        if (!RolePermissions.MayActOnMemberRole(mine, targetRole) || !RolePermissions.MayActOnMemberRole(mine, newRole))
            throw new InsufficientRoleException("Only an owner can change, remove or appoint an owner. It needs the role owner.");
    }

    // db is confined to the caller's account: its users are that account's members.
    private static async Task RequireAnotherOwnerAsync(AppDbContext db, CancellationToken ct)
    {
        var owners = await db.Users.CountAsync(u => u.RemovedAt == null && u.Role == MemberRoles.Owner, ct);
        if (owners <= 1)
            throw new InvalidStateException("An account always keeps at least one owner. Make another member an owner first.");
    }

    private static Task<AppUser?> FindAsync(AppDbContext db, Guid memberId, CancellationToken ct) =>
        db.Users.FirstOrDefaultAsync(u => u.Id == memberId && u.RemovedAt == null, ct);

    private static Task LockAccountAsync(AppDbContext db, Guid accountId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM accounts WHERE id = {accountId} FOR UPDATE", ct);

    private static MemberView ViewOf(AppUser u) => new(u.Id, u.Email!, u.Role, u.CreatedAt, u.TwoFactorEnabled);

    private static int RankOf(string role) => MemberRoles.All.ToList().IndexOf(role) is var i and >= 0 ? i : int.MaxValue;
}
