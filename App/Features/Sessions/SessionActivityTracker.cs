using System.Collections.Concurrent;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Boltly.Features.Sessions;

/// <summary>
/// Keeps each session's last use (to the minute) in memory and writes them in one batched UPDATE per interval, as
/// keys' last use is written: no database write per request. The idle rule reads the newer of this instance's
/// memory and the stored value, so an unwritten minute never makes a busy session look idle here.
/// </summary>
public sealed class SessionActivityTracker(IDbContextFactory<AppDbContext> contexts, IOptions<SessionOptions> options,
    TimeProvider clock, ILogger<SessionActivityTracker> logger) : BackgroundService
{
    private ConcurrentDictionary<Guid, DateTimeOffset> _pending = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastSeen = new();

    /// <summary>Notes a use of the session now, to the minute.</summary>
    public void Touch(Guid sessionId)
    {
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        if (_lastSeen.TryGetValue(sessionId, out var seen) && seen >= minute) return;
        _lastSeen[sessionId] = minute;
        _pending[sessionId] = minute;
    }

    /// <summary>The last use this instance saw, if any.</summary>
    public DateTimeOffset? LastSeen(Guid sessionId) => _lastSeen.TryGetValue(sessionId, out var seen) ? seen : null;

    /// <summary>Forgets an ended session.</summary>
    public void Forget(Guid sessionId)
    {
        _lastSeen.TryRemove(sessionId, out _);
        _pending.TryRemove(sessionId, out _);
    }

    /// <summary>Writes what is pending in one statement; returns the number of sessions written.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<Guid, DateTimeOffset>());
        if (batch.IsEmpty) return 0;
        var ids = batch.Keys.ToArray();
        var times = ids.Select(id => batch[id]).ToArray();
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE user_sessions AS s SET last_seen_at = u.seen_at
                FROM unnest(@ids, @times) AS u(id, seen_at)
                WHERE s.id = u.id AND s.last_seen_at < u.seen_at
                """,
                [
                    new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids },
                    new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = times },
                ], ct);
            ForgetOld();
            return ids.Length;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            foreach (var (id, seen) in batch) _pending.TryAdd(id, seen);
            logger.LogWarning("Writing session activity failed; will retry: {Error}", ex.GetType().Name);
            return 0;
        }
    }

    // A session not seen for longer than the idle limit has ended anyway: its memory entry is no longer needed.
    private void ForgetOld()
    {
        var cutoff = clock.GetUtcNow().AddHours(-options.Value.BrowserIdleHours);
        foreach (var (id, seen) in _lastSeen)
            if (seen < cutoff && !_pending.ContainsKey(id)) _lastSeen.TryRemove(new KeyValuePair<Guid, DateTimeOffset>(id, seen));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ActivityFlushSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await FlushAsync(CancellationToken.None);
    }
}
