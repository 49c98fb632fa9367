using System.Globalization;
using Boltly.Platform.Data;
using Boltly.Platform.Redis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using StackExchange.Redis;

namespace Boltly.Features.Usage;

/// <summary>
/// Writes the Redis totals of the key-minutes that changed into PostgreSQL: the minute rows as absolute values
/// (never increments), then each touched hour recomputed from its minutes and each touched day from its hours,
/// in one command. Any instance may run it, twice or at once: the same totals give the same rows (ADR 0019).
/// A key-minute leaves Redis's dirty set only once closed, in the same script that reads it; a write that
/// fails puts it back.
/// </summary>
public sealed class UsageRollupWriter(IConnectionMultiplexer redis, UsageCounter counter, IDbContextFactory<AppDbContext> contexts,
    IOptions<UsageOptions> options, IOptions<RedisOptions> redisOptions, TimeProvider clock, ILogger<UsageRollupWriter> logger)
    : BackgroundService
{
    private const int MaxKeyMinutesPerRun = 5000;

    /// <summary>KEYS[1]: the dirty set. ARGV: the first open minute, how many to take. Returns key, fields, key, fields….</summary>
    private const string CollectScript = """
        local members = redis.call('SRANDMEMBER', KEYS[1], ARGV[2])
        local out = {}
        local open = tonumber(ARGV[1])
        for _, m in ipairs(members) do
          local minute = tonumber(string.match(m, ':(%d+)$'))
          out[#out + 1] = m
          out[#out + 1] = redis.call('HGETALL', m)
          if minute == nil or minute < open then redis.call('SREM', KEYS[1], m) end
        end
        return out
        """;

    private const string UpsertSql = """
        INSERT INTO usage_rollups AS r (api_key_id, granularity, start, account_id, success, client_error, server_error,
            rate_limited, insufficient_scope, ip_not_allowed, revoked, expired)
        SELECT u.key, 0, u.start, u.account, u.c0, u.c1, u.c2, u.c3, u.c4, u.c5, u.c6, u.c7
        FROM unnest(@keys, @starts, @accounts, @c0, @c1, @c2, @c3, @c4, @c5, @c6, @c7)
            AS u(key, start, account, c0, c1, c2, c3, c4, c5, c6, c7)
        ON CONFLICT (api_key_id, granularity, start) DO UPDATE SET
            success = GREATEST(r.success, EXCLUDED.success), client_error = GREATEST(r.client_error, EXCLUDED.client_error),
            server_error = GREATEST(r.server_error, EXCLUDED.server_error), rate_limited = GREATEST(r.rate_limited, EXCLUDED.rate_limited),
            insufficient_scope = GREATEST(r.insufficient_scope, EXCLUDED.insufficient_scope),
            ip_not_allowed = GREATEST(r.ip_not_allowed, EXCLUDED.ip_not_allowed),
            revoked = GREATEST(r.revoked, EXCLUDED.revoked), expired = GREATEST(r.expired, EXCLUDED.expired);

        INSERT INTO usage_rollups AS r (api_key_id, granularity, start, account_id, success, client_error, server_error,
            rate_limited, insufficient_scope, ip_not_allowed, revoked, expired)
        SELECT m.api_key_id, 1, t.bucket, m.account_id, sum(m.success), sum(m.client_error), sum(m.server_error),
            sum(m.rate_limited), sum(m.insufficient_scope), sum(m.ip_not_allowed), sum(m.revoked), sum(m.expired)
        FROM (SELECT DISTINCT key, date_trunc('hour', start, 'UTC') AS bucket FROM unnest(@keys, @starts) AS u(key, start)) AS t
        JOIN usage_rollups m ON m.api_key_id = t.key AND m.granularity = 0 AND m.start >= t.bucket AND m.start < t.bucket + interval '1 hour'
        GROUP BY m.api_key_id, m.account_id, t.bucket
        ON CONFLICT (api_key_id, granularity, start) DO UPDATE SET
            success = EXCLUDED.success, client_error = EXCLUDED.client_error, server_error = EXCLUDED.server_error,
            rate_limited = EXCLUDED.rate_limited, insufficient_scope = EXCLUDED.insufficient_scope,
            ip_not_allowed = EXCLUDED.ip_not_allowed, revoked = EXCLUDED.revoked, expired = EXCLUDED.expired;

        INSERT INTO usage_rollups AS r (api_key_id, granularity, start, account_id, success, client_error, server_error,
            rate_limited, insufficient_scope, ip_not_allowed, revoked, expired)
        SELECT h.api_key_id, 2, t.bucket, h.account_id, sum(h.success), sum(h.client_error), sum(h.server_error),
            sum(h.rate_limited), sum(h.insufficient_scope), sum(h.ip_not_allowed), sum(h.revoked), sum(h.expired)
        FROM (SELECT DISTINCT key, date_trunc('day', start, 'UTC') AS bucket FROM unnest(@keys, @starts) AS u(key, start)) AS t
        JOIN usage_rollups h ON h.api_key_id = t.key AND h.granularity = 1 AND h.start >= t.bucket AND h.start < t.bucket + interval '1 day'
        GROUP BY h.api_key_id, h.account_id, t.bucket
        ON CONFLICT (api_key_id, granularity, start) DO UPDATE SET
            success = EXCLUDED.success, client_error = EXCLUDED.client_error, server_error = EXCLUDED.server_error,
            rate_limited = EXCLUDED.rate_limited, insufficient_scope = EXCLUDED.insufficient_scope,
            ip_not_allowed = EXCLUDED.ip_not_allowed, revoked = EXCLUDED.revoked, expired = EXCLUDED.expired;
        """;

    private readonly string _prefix = redisOptions.Value.KeyPrefix;

    /// <summary>Pushes this instance's counts, then writes the changed key-minutes; returns how many were written.</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        await counter.PushAsync(ct);
        var db = redis.GetDatabase();
        var open = KeyMinute.MinuteOf(clock.GetUtcNow()) - options.Value.MinuteCloseMinutes;
        RedisResult collected;
        try
        {
            collected = await db.ScriptEvaluateAsync(CollectScript, [counter.DirtySetKey], [open, MaxKeyMinutesPerRun]);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogWarning("Reading usage totals from Redis failed; will retry: {Error}", ex.GetType().Name);
            return 0;
        }

        var rows = Parse((RedisResult[])collected!);
        if (rows.Count == 0) return 0;
        try
        {
            await WriteAsync(rows, ct);
            return rows.Count;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Back into the dirty set, so the next run writes them (the totals stay in Redis).
            try { await db.SetAddAsync(counter.DirtySetKey, rows.Select(r => (RedisValue)r.Redis).ToArray()); }
            catch (Exception redisEx) when (redisEx is RedisException or TimeoutException)
            {
                // Redis went too: the closed minutes among these wait for their next push to mark them again.
                logger.LogWarning("Marking usage totals for a retry failed: {Error}", redisEx.GetType().Name);
            }
            logger.LogWarning("Writing usage rollups failed; will retry: {Error}", ex.GetType().Name);
            return 0;
        }
    }

    private List<Row> Parse(RedisResult[] flat)
    {
        var rows = new List<Row>(flat.Length / 2);
        for (var i = 0; i + 1 < flat.Length; i += 2)
        {
            var name = (string)flat[i]!;
            if (!KeyMinute.TryParse(name, _prefix, out var keyMinute)) continue;
            var counts = new long[UsageOutcomes.Count];
            var fields = (RedisResult[])flat[i + 1]!;
            for (var f = 0; f + 1 < fields.Length; f += 2)
            {
                var index = Array.IndexOf(UsageOutcomes.Names, (string)fields[f]!);
                if (index >= 0) counts[index] = long.Parse((string)fields[f + 1]!, CultureInfo.InvariantCulture);
            }
            rows.Add(new Row(name, keyMinute, counts));
        }
        return rows;
    }

    private async Task WriteAsync(List<Row> rows, CancellationToken ct)
    {
        var parameters = new List<object>
        {
            new NpgsqlParameter("keys", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.KeyMinute.KeyId).ToArray() },
            new NpgsqlParameter("starts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz)
            {
                Value = rows.Select(r => KeyMinute.StartOf(r.KeyMinute.Minute)).ToArray(),
            },
            new NpgsqlParameter("accounts", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.KeyMinute.AccountId).ToArray() },
        };
        for (var i = 0; i < UsageOutcomes.Count; i++)
            parameters.Add(new NpgsqlParameter("c" + i.ToString(CultureInfo.InvariantCulture), NpgsqlDbType.Array | NpgsqlDbType.Bigint)
            {
                Value = rows.Select(r => r.Counts[i]).ToArray(),
            });
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.Database.ExecuteSqlRawAsync(UpsertSql, parameters, ct);
    }

    private void LogFailedRun(Exception ex) => logger.LogWarning(ex, "Writing usage rollups failed; will retry");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.RollupFlushSeconds));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                // A failed run is retried on the next tick; it must never end the loop (or stop the host).
                try { await FlushAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailedRun(ex);
                }
            }
        }
        catch (OperationCanceledException) { }
    }

    private sealed record Row(string Redis, KeyMinute KeyMinute, long[] Counts);
}
