using Boltly.Features.ApiKeys.Policy;
using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Features.Webhooks;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Events;
using Boltly.Platform.Http;
using Boltly.Platform.Pagination;
using Boltly.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Creating, listing and revoking an account's keys: the rules live here, for the dashboard and the
/// API alike. Key management is session-only: no key can mint or revoke a key.
/// </summary>
public sealed class ApiKeyService(IDbContextFactory<AppDbContext> contexts, ApiKeyRevocation revocation, Paginator paginator,
    SecurityEventRecorder events, IEventOutbox outbox, KeyPolicies policies, ReauthenticationWindow sudo, RoleGate roles, ConfirmedEmail confirmedEmail,
    IOptions<ApiKeyOptions> options, TimeProvider clock,
    ILogger<ApiKeyService> logger)
{
    public const string ListName = "api_keys";

    public async Task<CreatedApiKey> CreateAsync(Caller caller, NewApiKey request, ClientInfo client, CancellationToken ct = default)
    {
        var userId = RequireSession(caller);
        await roles.RequireAsync(caller, Permission.ManageKeys, ct);
        await sudo.RequireOpenAsync(caller, ct);
        await confirmedEmail.RequireAsync(caller, ct);
        var now = clock.GetUtcNow();
        var (name, scopes, allowedIps) = Validate(request, now);
        await policies.EnsureExpiryAllowedAsync(caller.AccountId, request.ExpiresAt, now, ct);
        var generated = ApiKeyFormat.Generate();

        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The account row lock serialises creates for one account across every instance, so the
        // count below cannot be raced: the limit holds under concurrency.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM accounts WHERE id = {caller.AccountId} FOR UPDATE", ct);
        if (IsAtLimit(await CountTowardsLimitAsync(db, now, ct))) throw new KeyLimitReachedException(MaxActive);

        var key = new ApiKey
        {
            AccountId = caller.AccountId,
            Name = name,
            Prefix = generated.DisplayPrefix,
            KeyHash = generated.Hash,
            Scopes = scopes,
            CreatedByUserId = userId,
            CreatedAt = now,
            ExpiresAt = request.ExpiresAt,
            AllowedIps = allowedIps,
        };
        db.ApiKeys.Add(key);
        outbox.Emit(db, caller.AccountId, WebhookEvents.ApiKeyCreated, ApiKeyResponse.From(key, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        logger.LogInformation("API key {Prefix} created in account {AccountId} by user {UserId}", key.Prefix, key.AccountId, caller.UserId);
        await events.RecordAsync(SecurityEventTypes.ApiKeyCreated, SecurityEventOutcomes.Success, client, caller.UserId, caller.AccountId,
            $"{key.Prefix}… \"{key.Name}\"", ct);
        return new CreatedApiKey(key, generated.Secret);
    }

    /// <summary>The account's keys, newest first; <paramref name="status"/> (active, expired or revoked) narrows the list.</summary>
    public async Task<Page<ApiKey>> ListAsync(Caller caller, PageRequest page, string? status = null, CancellationToken ct = default)
    {
        RequireSession(caller);
        var errors = new ValidationErrors();
        errors.OneOf("status", status, ApiKeyStatus.All);
        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var query = db.ApiKeys.AsNoTracking();
        query = status switch
        {
            ApiKeyStatus.Active => query.Where(ApiKeyActivity.ActiveAt(now)).Where(k => k.GraceEndsAt == null),
            ApiKeyStatus.Rolling => query.Where(ApiKeyActivity.RollingAt(now)),
            ApiKeyStatus.Expired => query.Where(ApiKeyActivity.ExpiredAt(now)),
            ApiKeyStatus.Revoked => query.Where(ApiKeyActivity.RetiredAt(now)),
            _ => query,
        };
        return await paginator.PageAsync(query, caller, status is null ? ListName : $"{ListName}:{status}", page, k => k, ct);
    }

    /// <summary>Every key of the account, newest first (the dashboard shows them all on one page: at most a few dozen).</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAllAsync(Caller caller, CancellationToken ct = default)
    {
        RequireSession(caller);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await db.ApiKeys.AsNoTracking()
            // By creation time first: UUIDv7 ids only order to the millisecond, and two keys made in one
            // millisecond would otherwise swap places between loads.
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(500).ToListAsync(ct);
    }

    /// <summary>One key of the caller's account (its detail page); null when there is no such key, another account's
    /// key included: the page cannot tell them apart, so neither can someone guessing ids.</summary>
    public async Task<ApiKey?> GetAsync(Caller caller, Guid keyId, CancellationToken ct = default)
    {
        RequireSession(caller);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId, ct);
    }

    /// <summary>Who created each of the account's keys, by user id: their email, and whether they have left the account
    /// (the keys of a removed member stay, shown as made by a former member).</summary>
    public async Task<IReadOnlyDictionary<Guid, KeyCreator>> CreatorsAsync(Caller caller, CancellationToken ct = default)
    {
        RequireSession(caller);
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await db.Users.AsNoTracking()
            .ToDictionaryAsync(u => u.Id, u => new KeyCreator(u.Id, u.Email ?? "", u.RemovedAt != null), ct);
    }

    /// <summary>How many keys the key limit counts in the caller's account (a rolling key and its successor are one).</summary>
    public async Task<int> CountActiveAsync(Caller caller, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await CountTowardsLimitAsync(db, clock.GetUtcNow(), ct);
    }

    /// <summary>The key limit's count: active keys that no roll replaced (<see cref="ApiKeyActivity.Counted"/>), so a roll,
    /// which replaces one counted key by another, never needs a free place. <paramref name="db"/> is confined to the account.</summary>
    private static Task<int> CountTowardsLimitAsync(AppDbContext db, DateTimeOffset now, CancellationToken ct) =>
        db.ApiKeys.CountAsync(ApiKeyActivity.CountedAt(now), ct);

    /// <summary>The key limit: how many active keys an account may have (<see cref="ApiKeyOptions.MaxActivePerAccount"/>).</summary>
    public int MaxActive => options.Value.MaxActivePerAccount;

    /// <summary>The key limit: with this many active keys, the account can create no more.</summary>
    public bool IsAtLimit(int active) => active >= MaxActive;

    /// <summary>Revokes a key of the caller's account; false when no such key (another account's key is "no such key").
    /// Revoking a revoked key succeeds again without change.</summary>
    public async Task<bool> RevokeAsync(Caller caller, Guid keyId, ClientInfo client, CancellationToken ct = default)
    {
        RequireSession(caller);
        await roles.RequireAsync(caller, Permission.ManageKeys, ct);
        await sudo.RequireOpenAsync(caller, ct);
        await confirmedEmail.RequireAsync(caller, ct);
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null) return false;
        await roles.RequireKeyManagementAsync(caller, key.CreatedByUserId, ct);
        if (ApiKeyActivity.IsRevoked(key))
        {
            // Already revoked: run the revocation path again all the same (harmless, and heals a cache that missed the first time).
            await revocation.RevokedAsync(key.KeyHash);
            return true;
        }

        key.RevokedAt = now;
        outbox.Emit(db, caller.AccountId, WebhookEvents.ApiKeyRevoked, ApiKeyResponse.From(key, now));
        await db.SaveChangesAsync(ct);
        // Evict right after the commit, before anything that can fail or be cancelled (the event write): the key
        // must stop working even if the rest of this request does not complete.
        await revocation.RevokedAsync(key.KeyHash);
        logger.LogInformation("API key {Prefix} revoked in account {AccountId} by user {UserId}", key.Prefix, key.AccountId, caller.UserId);
        await events.RecordAsync(SecurityEventTypes.ApiKeyRevoked, SecurityEventOutcomes.Success, client, caller.UserId, caller.AccountId,
            $"{key.Prefix}… \"{key.Name}\"", ct);
        return true;
    }

    /// <summary>Renames a key and/or replaces its allowlist; null when no such key in the caller's account. A retired key
    /// cannot be changed (409 INVALID_STATE). The new allowlist holds on every instance within a second: the key's cached
    /// record is evicted everywhere, as for a revocation, but the key keeps working.</summary>
    public async Task<ApiKey?> UpdateAsync(Caller caller, Guid keyId, ApiKeyChanges changes, ClientInfo client, CancellationToken ct = default)
    {
        RequireSession(caller);
        await roles.RequireAsync(caller, Permission.ManageKeys, ct);
        await sudo.RequireOpenAsync(caller, ct);
        await confirmedEmail.RequireAsync(caller, ct);
        var errors = new Dictionary<string, string[]>();
        var name = changes.Name is null ? null : NameProblem(changes.Name, errors);
        var (allowedIps, problem) = ApiKeyAllowlist.Normalize(changes.AllowedIps);
        if (problem is not null) errors[ApiKeyAllowlist.Field] = [problem];
        if (errors.Count > 0) throw new DomainValidationException(errors);

        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, ct);
        if (key is null) return null;
        await roles.RequireKeyManagementAsync(caller, key.CreatedByUserId, ct);
        if (ApiKeyActivity.IsRetired(key, now) || ApiKeyActivity.IsExpired(key, now))
            throw new InvalidStateException($"This key is {ApiKeyStatus.Of(key, now)}: it can no longer be changed.");
        var allowlistChanged = changes.AllowedIps is not null && !key.AllowedIps.SequenceEqual(allowedIps);
        if (name is not null) key.Name = name;
        if (changes.AllowedIps is not null) key.AllowedIps = allowedIps;
        await db.SaveChangesAsync(ct);
        await revocation.ChangedAsync(key.KeyHash);
        logger.LogInformation("API key {Prefix} changed in account {AccountId} by user {UserId}", key.Prefix, key.AccountId, caller.UserId);
        var allowlist = key.AllowedIps.Length == 0 ? "any address" : string.Join(", ", key.AllowedIps);
        await events.RecordAsync(SecurityEventTypes.ApiKeyUpdated, SecurityEventOutcomes.Success, client, caller.UserId, caller.AccountId,
            allowlistChanged ? $"{key.Prefix}… \"{key.Name}\" allowlist: {allowlist}" : $"{key.Prefix}… \"{key.Name}\"", ct);
        return key;
    }

    /// <summary>Key management is session-only, for the dashboard as for the API (the endpoint's [SessionOnly] refuses first).</summary>
    private static Guid RequireSession(Caller caller) => SessionOnly.RequireUser(caller);

    /// <summary>The create rules without creating: field (<c>name</c>, <c>scopes</c>, <c>expires_at</c>) → messages,
    /// empty when the request is valid. The dashboard validates inline with it; the limit is checked only by create.</summary>
    public IReadOnlyDictionary<string, string[]> Check(NewApiKey request) => Evaluate(request, clock.GetUtcNow()).Errors;

    private (string Name, string[] Scopes, string[] AllowedIps) Validate(NewApiKey request, DateTimeOffset now)
    {
        var (errors, name, scopes, allowedIps) = Evaluate(request, now);
        if (errors.Count > 0) throw new DomainValidationException(errors);
        return (name, scopes.OrderBy(s => ScopeCatalog.All.ToList().FindIndex(d => d.Name == s)).ToArray(), allowedIps);
    }

    /// <summary>The name rule (create and edit): the trimmed name, or an error added under <c>name</c>.</summary>
    private string NameProblem(string? requested, Dictionary<string, string[]> errors)
    {
        var name = requested?.Trim() ?? "";
        var maxName = options.Value.MaxNameLength;
        if (name.Length == 0) errors["name"] = ["Give the key a name, so you can tell your keys apart."];
        else if (name.Length > maxName) errors["name"] = [$"The name can be at most {maxName} characters."];
        else if (TextRules.NameProblem(name) is { } problem) errors["name"] = [problem];
        return name;
    }

    private (Dictionary<string, string[]> Errors, string Name, string[] Scopes, string[] AllowedIps) Evaluate(NewApiKey request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var name = NameProblem(request.Name, errors);

        var scopes = (request.Scopes ?? []).Select(s => s?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length == 0) errors["scopes"] = ["Choose at least one scope."];
        else if (scopes.FirstOrDefault(s => !ScopeCatalog.IsKnown(s)) is { } unknown)
            errors["scopes"] = [$"Unknown scope \"{unknown}\". Valid scopes: {string.Join(", ", ScopeCatalog.Names)}."];

        if (ApiKeyActivity.HasExpired(request.ExpiresAt, now))
            errors["expires_at"] = ["The expiry must be in the future."];

        var (allowedIps, allowlistProblem) = ApiKeyAllowlist.Normalize(request.AllowedIps);
        if (allowlistProblem is not null) errors[ApiKeyAllowlist.Field] = [allowlistProblem];

        return (errors, name, scopes, allowedIps);
    }
}
