using Boltly.Platform.Caching;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Sessions;

/// <summary>
/// The per-request session check of the cookie, every access token and every live circuit: the session's record from
/// the two-tier cache (a memory hit almost always), refused when the session ended here or on another instance
/// (<see cref="CacheRevocations"/>, the path revoked keys take), when it expired, or when a browser session sat idle
/// too long (docs/sessions.md, ADR 0013).
/// </summary>
public sealed class SessionStore(HybridCache cache, IDbContextFactory<AppDbContext> contexts, CacheRevocations revocations,
    CacheInvalidationBus bus, SessionActivityTracker activity, IOptions<SessionOptions> options, TimeProvider clock)
{
    public const string CacheKeyPrefix = "session:";
    private static readonly string[] Tags = ["session"];

    public static string CacheKey(Guid sessionId) => CacheKeyPrefix + sessionId.ToString("N");

    /// <summary>Sessions read by one statement when their entries are cold together (<see cref="GroupedLoad{TKey,TValue}"/>).</summary>
    public const int SessionsPerStatement = 500;

    // Cold loads of different sessions share statements: an instance meeting many users' tokens at once reads them together.
    private readonly GroupedLoad<Guid, SessionRecord> _loads = new(async ids =>
    {
        await using var db = await contexts.CreateDbContextAsync();
        return await db.UserSessions.AsNoTracking().Where(s => ids.Contains(s.Id))
            .Select(s => new SessionRecord(true, s.Id, s.UserId, s.Kind, s.LastSeenAt, s.AuthenticatedAt, s.ExpiresAt, s.EndedAt))
            .ToDictionaryAsync(s => s.Id);
    }, SessionRecord.NotFound, SessionsPerStatement);

    /// <summary>The session's record when it is live and belongs to <paramref name="userId"/>; otherwise null.</summary>
    public async ValueTask<SessionRecord?> GetLiveAsync(Guid sessionId, Guid userId, CancellationToken ct = default)
    {
        var key = CacheKey(sessionId);
        if (IsRevoked(key)) return null;
        var record = await cache.GetOrCreateAsync(key, (sessionId, _loads), static async (state, token) =>
            await state._loads.LoadAsync(state.sessionId, token), tags: Tags, cancellationToken: ct);
        // Checked again: a lookup in flight when the session ended may have brought back its live copy.
        if (!record.Found || record.UserId != userId || IsRevoked(key)) return null;
        return IsLive(record, clock.GetUtcNow()) ? record : null;
    }

    /// <summary>Notes that the session was used now (batched to the minute).</summary>
    public void Touch(Guid sessionId) => activity.Touch(sessionId);

    /// <summary>Until when the session's sudo window is open, or null when it is closed.</summary>
    public DateTimeOffset? ReauthenticatedUntil(SessionRecord record)
    {
        var until = record.AuthenticatedAt.AddMinutes(options.Value.ReauthenticationMinutes);
        return until > clock.GetUtcNow() ? until : null;
    }

    /// <summary>Forgets this instance's copy of a live session that changed (a re-authentication), on every instance.</summary>
    public Task ChangedAsync(Guid sessionId) => bus.EvictEverywhereAsync(CacheKey(sessionId));

    /// <summary>Called once the end of a session has committed: refused on every instance from now on.</summary>
    public async Task EndedAsync(Guid sessionId)
    {
        activity.Forget(sessionId);
        await revocations.RevokeAsync(CacheKey(sessionId), TimeSpan.FromSeconds(options.Value.RevocationReEvictSeconds));
    }

    /// <summary>The session the revoked cache key names, when it names one (for live circuits).</summary>
    public static Guid? SessionOf(string cacheKey) =>
        cacheKey.StartsWith(CacheKeyPrefix, StringComparison.Ordinal) && Guid.TryParseExact(cacheKey[CacheKeyPrefix.Length..], "N", out var id)
            ? id : null;

    private bool IsRevoked(string key) => revocations.AnyRecent && revocations.IsRecentlyRevoked(key);

    private bool IsLive(SessionRecord record, DateTimeOffset now)
    {
        if (record.EndedAt is not null || now >= record.ExpiresAt) return false;
        if (record.Kind == SessionKind.App) return true;
        var seen = activity.LastSeen(record.Id) is { } here && here > record.LastSeenAt ? here : record.LastSeenAt;
        return now < seen.AddHours(options.Value.BrowserIdleHours);
    }
}
