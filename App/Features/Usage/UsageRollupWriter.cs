using System.Globalization;
using Boltly.Platform.Batching;
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
    : IBatchWriter
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

    /// <summary>The three upserts (minutes as absolute values, then hours from minutes, days from hours), their counter
    /// columns spelled from <see cref="UsageOutcomes.Names"/>.</summary>
    private static readonly string UpsertSql = BuildUpsertSql();

    private static string BuildUpsertSql()
    {
        var names = UsageOutcomes.Names;
        var columns = string.Join(", ", names);
        var c = string.Join(", ", names.Select((_, i) => $"c{i}"));
        string Each(Func<string, int, string> part) => string.Join(", ", names.Select((n, i) => part(n, i)));
        string Rollup(int granularity, string unit, int from, string alias) => $"""
            INSERT INTO usage_rollups AS r (api_key_id, granularity, start, account_id, {columns})
            SELECT {alias}.api_key_id, {granularity}, t.bucket, {alias}.account_id, {Each((n, _) => $"sum({alias}.{n})")}
            FROM (SELECT DISTINCT key, date_trunc('{unit}', start, 'UTC') AS bucket FROM unnest(@keys, @starts) AS u(key, start)) AS t
            JOIN usage_rollups {alias} ON {alias}.api_key_id = t.key AND {alias}.granularity = {from} AND {alias}.start >= t.bucket
                AND {alias}.start < t.bucket + interval '1 {unit}'
            GROUP BY {alias}.api_key_id, {alias}.account_id, t.bucket
            ON CONFLICT (api_key_id, granularity, start) DO UPDATE SET {Each((n, _) => $"{n} = EXCLUDED.{n}")};
            """;
        return $"""
            INSERT INTO usage_rollups AS r (api_key_id, granularity, start, account_id, {columns})
            SELECT u.key, 0, u.start, u.account, {Each((_, i) => $"u.c{i}")}
            FROM unnest(@keys, @starts, @accounts, {Each((_, i) => $"@c{i}")}) AS u(key, start, account, {c})
            ON CONFLICT (api_key_id, granularity, start) DO UPDATE SET {Each((n, _) => $"{n} = GREATEST(r.{n}, EXCLUDED.{n})")};

            {Rollup(1, "hour", 0, "m")}

            {Rollup(2, "day", 1, "h")}
            """;
    }

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

    private sealed record Row(string Redis, KeyMinute KeyMinute, long[] Counts);
}
