using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Idempotency;

/// <summary>
/// The table behind <c>Idempotency-Key</c>. A request claims its key by INSERTing an in-progress row
/// under the unique (owner, key) index before it runs, so of concurrent duplicates exactly one runs.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<AppDbContext> contexts, IOptions<IdempotencyOptions> options, TimeProvider clock)
{
    /// <summary>True when this request now owns the key; false when a live record already holds it.</summary>
    public async Task<bool> TryClaimAsync(string owner, string key, string requestHash, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddHours(options.Value.RetentionHours);
        var abandonedBefore = now.AddSeconds(-options.Value.AbandonedClaimSeconds);
        await using var db = await contexts.CreateDbContextAsync(ct);
        // An expired record, or a claim abandoned in progress, is taken over in the same statement; a live
        // one makes this a no-op.
        var rows = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO idempotency_records (id, owner, key, request_hash, completed, created_at, expires_at)
            VALUES ({MonotonicUuidV7.NewId()}, {owner}, {key}, {requestHash}, false, {now}, {expires})
            ON CONFLICT (owner, key) DO UPDATE
              SET request_hash = EXCLUDED.request_hash, completed = false, response_status = NULL, response_content_type = NULL,
                  response_location = NULL, response_body = NULL, created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
              WHERE idempotency_records.expires_at <= {now}
                 OR (NOT idempotency_records.completed AND idempotency_records.created_at <= {abandonedBefore})
            """, ct);
        return rows == 1;
    }

    public async Task<IdempotencyRecord?> FindAsync(string owner, string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.IdempotencyRecords.AsNoTracking().FirstOrDefaultAsync(r => r.Owner == owner && r.Key == key && r.ExpiresAt > now, ct);
    }

    public async Task CompleteAsync(string owner, string key, int status, string? contentType, string? location, byte[] body, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.IdempotencyRecords.Where(r => r.Owner == owner && r.Key == key && !r.Completed)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Completed, true).SetProperty(r => r.ResponseStatus, status)
                .SetProperty(r => r.ResponseContentType, contentType).SetProperty(r => r.ResponseLocation, location)
                .SetProperty(r => r.ResponseBody, body), ct);
    }

    /// <summary>Releases a claim whose request failed, so a retry runs again.</summary>
    public async Task ReleaseAsync(string owner, string key)
    {
        await using var db = await contexts.CreateDbContextAsync();
        await db.IdempotencyRecords.Where(r => r.Owner == owner && r.Key == key && !r.Completed).ExecuteDeleteAsync();
    }

    /// <summary>Deletes expired records (run periodically).</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.IdempotencyRecords.TagWith(BackgroundWork.Tag).Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(ct);
    }
}
