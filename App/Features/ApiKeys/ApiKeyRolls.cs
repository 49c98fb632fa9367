using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Features.Webhooks;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Events;
using Boltly.Platform.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Rolling a key (API.md "API key lifecycle"): a successor with the same name, scopes and allowlist, and the old key
/// working on through a grace (never past its own expiry), status <c>rolling</c>, its responses carrying <c>Deprecation</c>
/// and <c>Sunset</c>. The pair counts once towards the key limit (<see cref="ApiKeyActivity.Counted"/>), so a roll works
/// at the limit. Ending the grace early retires the old key at once, everywhere, as a revocation does.
/// </summary>
public sealed class ApiKeyRolls(IDbContextFactory<AppDbContext> contexts, ApiKeyRevocation revocation, SecurityEventRecorder events,
    IEventOutbox outbox, ReauthenticationWindow sudo, RoleGate roles, ConfirmedEmail confirmedEmail, IOptions<ApiKeyOptions> options,
    Policy.KeyPolicies policies, TimeProvider clock, ILogger<ApiKeyRolls> logger)
{
    public const string GraceField = "grace_seconds";

    /// <summary>Rolls a key of the caller's account; null when no such key. Only an active key can be rolled: a rolling,
    /// revoked or expired one is 409 INVALID_STATE.</summary>
    public async Task<RolledApiKey?> RollAsync(Caller caller, Guid keyId, ApiKeyRoll request, ClientInfo client, CancellationToken ct = default)
    {
        SessionOnly.RequireUser(caller);
        await roles.RequireAsync(caller, Permission.ManageKeys, ct);
        await sudo.RequireOpenAsync(caller, ct);
        await confirmedEmail.RequireAsync(caller, ct);
        var grace = GraceOf(request.GraceSeconds);
        var now = clock.GetUtcNow();

        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The account row lock, as create takes it: two rolls of one key (or a roll and a create) cannot interleave.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM accounts WHERE id = {caller.AccountId} FOR UPDATE", ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null) return null;
        await roles.RequireKeyManagementAsync(caller, key.CreatedByUserId, ct);
        var status = ApiKeyStatus.Of(key, now);
        if (status != ApiKeyStatus.Active)
            throw new InvalidStateException($"This key is {status}: only an active key can be rolled.");
        var expiresAt = request.ExpiresAt ?? key.ExpiresAt;
        await ValidateRolledExpiryAsync(caller, expiresAt, now, ct);
        var graceEnd = now.AddSeconds(grace);
        // The grace never keeps a key past its own expiry.
        if (key.ExpiresAt is { } oldExpiry && oldExpiry < graceEnd) graceEnd = oldExpiry;

        var generated = ApiKeyFormat.Generate();
        var successor = new ApiKey
        {
            AccountId = key.AccountId,
            Name = key.Name,
            Prefix = generated.DisplayPrefix,
            KeyHash = generated.Hash,
            Scopes = [.. key.Scopes],
            // The successor carries on the same credential: its creator stays the one who may manage it.
            CreatedByUserId = key.CreatedByUserId,
            CreatedAt = now,
            ExpiresAt = expiresAt,
            AllowedIps = [.. key.AllowedIps],
        };
        key.GraceEndsAt = graceEnd;
        key.ReplacedById = successor.Id;
        db.ApiKeys.Add(successor);
        outbox.Emit(db, caller.AccountId, WebhookEvents.ApiKeyRolled, ApiKeyResponse.From(key, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        // Evict right after the commit, before anything that can fail: every instance must learn the grace end. A grace
        // of nothing retires the key at once, which is a revocation.
        if (graceEnd <= now) await revocation.RevokedAsync(key.KeyHash);
        else await revocation.ChangedAsync(key.KeyHash);
        logger.LogInformation("API key {Prefix} rolled to {NewPrefix} in account {AccountId} by user {UserId}, grace until {GraceEndsAt:u}",
            key.Prefix, successor.Prefix, key.AccountId, caller.UserId, graceEnd);
        await events.RecordAsync(SecurityEventTypes.ApiKeyRolled, SecurityEventOutcomes.Success, client, caller.UserId, caller.AccountId,
            $"{key.Prefix}… → {successor.Prefix}… \"{key.Name}\", old key until {graceEnd:u}", ct);
        return new RolledApiKey(key, new CreatedApiKey(successor, generated.Secret));
    }

    /// <summary>Ends a rolling key's grace now: refused at once here and within a second everywhere. False when no such
    /// key; a key that is not rolling is 409 INVALID_STATE.</summary>
    public async Task<bool> EndGraceAsync(Caller caller, Guid keyId, ClientInfo client, CancellationToken ct = default)
    {
        SessionOnly.RequireUser(caller);
        await roles.RequireAsync(caller, Permission.ManageKeys, ct);
        await sudo.RequireOpenAsync(caller, ct);
        await confirmedEmail.RequireAsync(caller, ct);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null) return false;
        await roles.RequireKeyManagementAsync(caller, key.CreatedByUserId, ct);
        if (!ApiKeyActivity.IsRolling(key, now))
            throw new InvalidStateException($"This key is {ApiKeyStatus.Of(key, now)}: only a rolling key has a grace to end.");
        key.GraceEndsAt = now;
        await db.SaveChangesAsync(ct);
        await revocation.RevokedAsync(key.KeyHash);
        logger.LogInformation("API key {Prefix}'s grace ended early in account {AccountId} by user {UserId}", key.Prefix, key.AccountId, caller.UserId);
        await events.RecordAsync(SecurityEventTypes.ApiKeyGraceEnded, SecurityEventOutcomes.Success, client, caller.UserId, caller.AccountId,
            $"{key.Prefix}… \"{key.Name}\"", ct);
        return true;
    }

    /// <summary>The grace a roll asks for, in seconds: the default when absent, else 0 to the maximum (400 otherwise).</summary>
    public int GraceOf(int? requested)
    {
        var max = options.Value.MaxRollGraceSeconds;
        var grace = requested ?? options.Value.DefaultRollGraceSeconds;
        if (grace < 0 || grace > max)
            throw new DomainValidationException(GraceField, $"The grace must be between 0 and {max} seconds.");
        return grace;
    }

    /// <summary>
    /// The one place a roll validates the new key's expiry (the old key's, or the one the roll names). The account's key
    /// policy (its maximum lifetime) applies to a roll here, as to a create.
    /// </summary>
    private Task ValidateRolledExpiryAsync(Caller caller, DateTimeOffset? expiresAt, DateTimeOffset now, CancellationToken ct)
    {
        if (ApiKeyActivity.HasExpired(expiresAt, now))
            throw new DomainValidationException("expires_at", "The expiry must be in the future.");
        // The account's maximum lifetime, the same rule a create asks (docs/api-keys.md#the-account-key-policy).
        return policies.EnsureExpiryAllowedAsync(caller.AccountId, expiresAt, now, ct);
    }
}
