using System.Collections.Concurrent;
using System.Globalization;
using Boltly.Platform.Batching;
using Boltly.Platform.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Features.Usage;

/// <summary>
/// Counts each request made with a key per key, minute and outcome in memory (one lock-free increment, no
/// allocation once the key-minute exists) and adds the counts to Redis in batches, so every instance's
/// requests meet in one total per key-minute. A batch is applied at most once: it carries an id that Redis
/// remembers, so a retry after a lost reply is skipped, and a failed batch is retried as it was (ADR 0019).
/// A crash loses what this instance counted since its last batch, at most one batch.
/// </summary>
public sealed class UsageCounter(IConnectionMultiplexer redis, IOptions<UsageOptions> options, IOptions<RedisOptions> redisOptions,
    TimeProvider clock, ILogger<UsageCounter> logger) : IBatchWriter
{
    /// <summary>Adds a batch once: SET NX of its marker, then HINCRBY of each field, EXPIRE, and the key-minute
    /// marked dirty for the rollup writer. KEYS: the hashes, then the marker, then the dirty set.
    /// ARGV: the hashes' lifetime in seconds, then <see cref="UsageOutcomes.Count"/> counts per hash.</summary>
    private static readonly string PushScript = $$"""
        local n = #KEYS - 2
        if not redis.call('SET', KEYS[n + 1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
        local fields = {{{string.Join(", ", UsageOutcomes.Names.Select(f => $"'{f}'"))}}}
        for i = 1, n do
          local base = 1 + (i - 1) * {{UsageOutcomes.Count}}
          for j = 1, {{UsageOutcomes.Count}} do
            local c = tonumber(ARGV[base + j])
            if c ~= 0 then redis.call('HINCRBY', KEYS[i], fields[j], c) end
          end
          redis.call('EXPIRE', KEYS[i], ARGV[1])
          redis.call('SADD', KEYS[n + 2], KEYS[i])
        end
        return 1
        """;

    private readonly ConcurrentDictionary<KeyMinute, MinuteCounts> _counts = new();
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly string _prefix = redisOptions.Value.KeyPrefix;
    private readonly SemaphoreSlim _pushing = new(1, 1);
    private List<Batch> _unsent = [];
    private long _batchNumber;

    /// <summary>The Redis set of key-minutes whose totals changed since the rollup writer last closed them.</summary>
    public string DirtySetKey => _prefix + "usage:dirty";

    /// <summary>Counts one request. Called on every request made with a key: no lock, no allocation once the
    /// key-minute is known.</summary>
    public void Record(Guid accountId, Guid keyId, UsageOutcome outcome, DateTimeOffset at)
    {
        var counts = _counts.GetOrAdd(new KeyMinute(accountId, keyId, KeyMinute.MinuteOf(at)), static _ => new MinuteCounts());
        Interlocked.Increment(ref counts.Counted[(int)outcome]);
    }

    public Task<int> FlushAsync(CancellationToken ct = default) => PushAsync(ct);

    /// <summary>Sends what was counted since the last push (and any batch that failed before, first, unchanged).
    /// Returns the number of key-minutes sent.</summary>
    public async Task<int> PushAsync(CancellationToken ct = default)
    {
        await _pushing.WaitAsync(ct);
        try
        {
            var batches = _unsent;
            _unsent = [];
            batches.AddRange(TakeBatches());
            var db = redis.GetDatabase();
            var lifetime = (long)TimeSpan.FromHours(options.Value.RedisRetentionHours).TotalSeconds;
            var sent = 0;
            for (var i = 0; i < batches.Count; i++)
            {
                try
                {
                    await db.ScriptEvaluateAsync(PushScript, batches[i].Keys, [lifetime, .. batches[i].Values]);
                    sent += batches[i].Keys.Length - 2;
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // Kept as they are, with their ids: if Redis did apply one, its marker makes the retry a no-op.
                    _unsent = batches[i..];
                    logger.LogWarning("Adding usage counts to Redis failed; {Batches} batches kept for the next push: {Error}",
                        batches.Count - i, ex.GetType().Name);
                    break;
                }
            }
            Forget();
            return sent;
        }
        finally { _pushing.Release(); }
    }

    private List<Batch> TakeBatches()
    {
        var size = options.Value.RedisBatchSize;
        var batches = new List<Batch>();
        var keys = new List<RedisKey>();
        var values = new List<RedisValue>();
        Span<long> delta = stackalloc long[UsageOutcomes.Count];
        foreach (var (keyMinute, counts) in _counts)
        {
            if (!counts.TakeDelta(delta)) continue;
            keys.Add(keyMinute.RedisKey(_prefix));
            foreach (var d in delta) values.Add(d);
            if (keys.Count == size) Close();
        }
        if (keys.Count > 0) Close();
        return batches;

        void Close()
        {
            var number = Interlocked.Increment(ref _batchNumber).ToString(CultureInfo.InvariantCulture);
            keys.Add($"{_prefix}usage:batch:{_instance}:{number}");
            keys.Add(DirtySetKey);
            batches.Add(new Batch([.. keys], [.. values]));
            keys.Clear();
            values.Clear();
        }
    }

    /// <summary>Drops key-minutes that are closed and fully sent: nothing counts into a minute that long gone.</summary>
    private void Forget()
    {
        var closed = KeyMinute.MinuteOf(clock.GetUtcNow()) - options.Value.MinuteCloseMinutes;
        foreach (var (keyMinute, counts) in _counts)
            if (keyMinute.Minute < closed && counts.IsDrained()) _counts.TryRemove(keyMinute, out _);
    }

    private sealed record Batch(RedisKey[] Keys, RedisValue[] Values);
}
