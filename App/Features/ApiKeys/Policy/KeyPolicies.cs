using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.ApiKeys.Policy;

/// <summary>
/// The account's key policy (docs/api-keys.md#the-account-key-policy): read by any member, changed by owners and admins
/// (<see cref="Permission.ManageKeyPolicy"/>) after a recent re-authentication, each change in the audit log. A create
/// and a roll ask <see cref="EnsureExpiryAllowedAsync"/>, the one place the maximum lifetime is enforced.
/// </summary>
public sealed class KeyPolicies(IDbContextFactory<AppDbContext> contexts, RoleGate roles, ReauthenticationWindow sudo,
    ConfirmedEmail confirmedEmail, SecurityEventRecorder events, TimeProvider clock, ILogger<KeyPolicies> logger)
{
    /// <summary>The policy of <paramref name="accountId"/>; <see cref="KeyPolicy.None"/> when it has none.</summary>
    public async Task<KeyPolicy> ForAccountAsync(Guid accountId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(accountId, ct);
        var row = await db.KeyPolicies.AsNoTracking().FirstOrDefaultAsync(ct);
        return row?.ToPolicy() ?? KeyPolicy.None;
    }

    /// <summary>The maximum lifetime, for a create or a roll: a key made at <paramref name="now"/> with
    /// <paramref name="expiresAt"/> (null: none) in <paramref name="accountId"/>; 400 VALIDATION_FAILED naming
    /// <c>expires_at</c> when the account's policy refuses it.</summary>
    public async Task EnsureExpiryAllowedAsync(Guid accountId, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken ct = default) =>
        (await ForAccountAsync(accountId, ct)).EnsureExpiryAllowed(expiresAt, now);

    /// <summary>The caller's account's policy as the API shows it. Any role.</summary>
    public async Task<KeyPolicyView> GetAsync(Caller caller, CancellationToken ct = default)
    {
        SessionOnly.RequireUser(caller);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return KeyPolicyView.From(await db.KeyPolicies.AsNoTracking().FirstOrDefaultAsync(ct));
    }

    /// <summary>Whether the caller may change the policy (the dashboard shows the form read-only otherwise).</summary>
    public ValueTask<bool> MayChangeAsync(Caller caller, CancellationToken ct = default) =>
        roles.AllowsAsync(caller, Permission.ManageKeyPolicy, ct);

    /// <summary>Replaces the caller's account's policy. Owners and admins, re-authentication, a confirmed email.
    /// Keys that exist keep their expiry; idle revocation counts from each key's last use.</summary>
    public async Task<KeyPolicyView> UpdateAsync(Caller caller, KeyPolicy policy, ClientInfo client, CancellationToken ct = default)
    {
        var userId = SessionOnly.RequireUser(caller);
        await roles.RequireAsync(caller, Permission.ManageKeyPolicy, ct);
        if (policy.Problems() is { Count: > 0 } problems) throw new DomainValidationException(problems);
        await sudo.RequireOpenAsync(caller, ct);
        await confirmedEmail.RequireAsync(caller, ct);

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var before = (await db.KeyPolicies.AsNoTracking().FirstOrDefaultAsync(ct))?.ToPolicy()
            ?? KeyPolicy.None;
        // One statement: two first policies of one account at once both succeed, the later one winning.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO account_key_policies (account_id, max_lifetime_days, idle_revoke_days, updated_at, updated_by_user_id)
            VALUES ({caller.AccountId}, {policy.MaxLifetimeDays}, {policy.IdleRevokeDays}, {now}, {userId})
            ON CONFLICT (account_id) DO UPDATE SET max_lifetime_days = EXCLUDED.max_lifetime_days,
                idle_revoke_days = EXCLUDED.idle_revoke_days, updated_at = EXCLUDED.updated_at, updated_by_user_id = EXCLUDED.updated_by_user_id
            """, ct);
        logger.LogInformation("Key policy of account {AccountId} set to {Policy} by user {UserId}", caller.AccountId, policy.Describe(), userId);
        await events.RecordAsync(new AuditEntry(SecurityEventTypes.KeyPolicyChanged, SecurityEventOutcomes.Success, AuditActor.Of(caller),
            caller.AccountId, client) { Detail = $"{before.Describe()} → {policy.Describe()}" }, ct);
        return new KeyPolicyView(policy.MaxLifetimeDays, policy.IdleRevokeDays, now);
    }
}
