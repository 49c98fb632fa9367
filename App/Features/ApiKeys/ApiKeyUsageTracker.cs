using System.Collections.Concurrent;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Keeps each key's last use (to the minute) and client address in memory and writes them in one
/// batched UPDATE per interval: no database write per request. A lost batch costs at most one
/// interval of "last used" precision, never a request.
/// </summary>
public sealed class ApiKeyUsageTracker(IDbContextFactory<AppDbContext> contexts, IOptions<ApiKeyOptions> options,
    TimeProvider clock, ILogger<ApiKeyUsageTracker> logger) : BackgroundService
{
    private ConcurrentDictionary<Guid, Usage> _pending = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _lastWrittenMinute = new();

    public void Touch(Guid keyId, string? clientAddress)
    {
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        if (_lastWrittenMinute.TryGetValue(keyId, out var written) && written >= minute && !_pending.ContainsKey(keyId)) return;
        _pending[keyId] = new Usage(minute, clientAddress);
    }

    /// <summary>Writes what is pending in one statement; returns the number of keys written.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<Guid, Usage>());
        if (batch.IsEmpty) return 0;
        var ids = batch.Keys.ToArray();
        var times = ids.Select(id => batch[id].Minute).ToArray();
        var addresses = ids.Select(id => batch[id].Address ?? (object)DBNull.Value).ToArray();
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await db.Database.ExecuteSqlRawAsync("""
                UPDATE api_keys AS k
                SET last_used_at = u.used_at, last_used_address = COALESCE(u.address, k.last_used_address)
                FROM unnest(@ids, @times, @addresses) AS u(id, used_at, address)
                WHERE k.id = u.id AND (k.last_used_at IS NULL OR k.last_used_at < u.used_at)
                """,
                [
                    new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids },
                    new NpgsqlParameter("times", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = times },
                    new NpgsqlParameter("addresses", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = addresses },
                ], ct);
            foreach (var id in ids) _lastWrittenMinute[id] = batch[id].Minute;
            return ids.Length;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Put the batch back (newer entries win) so the next flush retries it.
            foreach (var (id, usage) in batch) _pending.TryAdd(id, usage);
            logger.LogWarning("Writing API key usage failed; will retry: {Error}", ex.GetType().Name);
            return 0;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.UsageFlushSeconds), clock);
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

    private sealed record Usage(DateTimeOffset Minute, string? Address);
}
