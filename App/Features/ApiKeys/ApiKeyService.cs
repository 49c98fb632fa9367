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
        var (name, scopes) = Validate(request, now);
        await policies.EnsureExpiryAllowedAsync(caller.AccountId, request.ExpiresAt, now, ct);
        var generated = ApiKeyFormat.Generate();

        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The account row lock serialises creates for one account across every instance, so the
        // count below cannot be raced: the limit holds under concurrency.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM accounts WHERE id = {caller.AccountId} FOR UPDATE", ct);
        var active = await db.ApiKeys.Where(k => k.AccountId == caller.AccountId).CountAsync(ApiKeyActivity.ActiveAt(now), ct);
        if (IsAtLimit(active)) throw new KeyLimitReachedException(MaxActive);

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
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.ApiKeys.AsNoTracking().Where(k => k.AccountId == caller.AccountId);
        query = status switch
        {
            ApiKeyStatus.Active => query.Where(ApiKeyActivity.ActiveAt(now)),
            ApiKeyStatus.Expired => query.Where(ApiKeyActivity.ExpiredAt(now)),
            ApiKeyStatus.Revoked => query.Where(ApiKeyActivity.Revoked),
            _ => query,
        };
        return await paginator.PageAsync(query, caller, status is null ? ListName : $"{ListName}:{status}", page, k => k, ct);
    }

    /// <summary>Every key of the account, newest first (the dashboard shows them all on one page: at most a few dozen).</summary>
    public async Task<IReadOnlyList<ApiKey>> ListAllAsync(Caller caller, CancellationToken ct = default)
    {
        RequireSession(caller);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().Where(k => k.AccountId == caller.AccountId)
            // By creation time first: UUIDv7 ids only order to the millisecond, and two keys made in one
            // millisecond would otherwise swap places between loads.
            .OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id).Take(500).ToListAsync(ct);
    }

    /// <summary>One key of the caller's account (its detail page); null when there is no such key, another account's
    /// key included: the page cannot tell them apart, so neither can someone guessing ids.</summary>
    public async Task<ApiKey?> GetAsync(Caller caller, Guid keyId, CancellationToken ct = default)
    {
        RequireSession(caller);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Id == keyId && k.AccountId == caller.AccountId, ct);
    }

    /// <summary>Who created each of the account's keys, by user id: their email, and whether they have left the account
    /// (the keys of a removed member stay, shown as made by a former member).</summary>
    public async Task<IReadOnlyDictionary<Guid, KeyCreator>> CreatorsAsync(Caller caller, CancellationToken ct = default)
    {
        RequireSession(caller);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.AccountId == caller.AccountId)
            .ToDictionaryAsync(u => u.Id, u => new KeyCreator(u.Email ?? "", u.RemovedAt != null), ct);
    }

    public async Task<int> CountActiveAsync(Caller caller, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ApiKeys.Where(k => k.AccountId == caller.AccountId).CountAsync(ApiKeyActivity.ActiveAt(now), ct);
    }

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
        await using var db = await contexts.CreateDbContextAsync(ct);
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId && k.AccountId == caller.AccountId, ct);
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

    /// <summary>Key management is session-only, for the dashboard as for the API (the endpoint's [SessionOnly] refuses first).</summary>
    private static Guid RequireSession(Caller caller) => SessionOnly.RequireUser(caller);

    /// <summary>The create rules without creating: field (<c>name</c>, <c>scopes</c>, <c>expires_at</c>) → messages,
    /// empty when the request is valid. The dashboard validates inline with it; the limit is checked only by create.</summary>
    public IReadOnlyDictionary<string, string[]> Check(NewApiKey request) => Evaluate(request, clock.GetUtcNow()).Errors;

    private (string Name, string[] Scopes) Validate(NewApiKey request, DateTimeOffset now)
    {
        var (errors, name, scopes) = Evaluate(request, now);
        if (errors.Count > 0) throw new DomainValidationException(errors);
        return (name, scopes.OrderBy(s => ScopeCatalog.All.ToList().FindIndex(d => d.Name == s)).ToArray());
    }

    private (Dictionary<string, string[]> Errors, string Name, string[] Scopes) Evaluate(NewApiKey request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? "";
        var maxName = options.Value.MaxNameLength;
        if (name.Length == 0) errors["name"] = ["Give the key a name, so you can tell your keys apart."];
        else if (name.Length > maxName) errors["name"] = [$"The name can be at most {maxName} characters."];
        else if (TextRules.NameProblem(name) is { } problem) errors["name"] = [problem];

        var scopes = (request.Scopes ?? []).Select(s => s?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length == 0) errors["scopes"] = ["Choose at least one scope."];
        else if (scopes.FirstOrDefault(s => !ScopeCatalog.IsKnown(s)) is { } unknown)
            errors["scopes"] = [$"Unknown scope \"{unknown}\". Valid scopes: {string.Join(", ", ScopeCatalog.Names)}."];

        if (ApiKeyActivity.HasExpired(request.ExpiresAt, now))
            errors["expires_at"] = ["The expiry must be in the future."];

        return (errors, name, scopes);
    }
}
