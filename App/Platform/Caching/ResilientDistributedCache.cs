using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Caching;

/// <summary>
/// The Redis tier of the two-tier cache, made optional and authenticated. While Redis is unreachable a
/// read is a miss and a write is skipped, so lookups go to PostgreSQL instead of failing; after a failure
/// the tier is skipped for a short pause rather than timing out on every request. Every value written
/// carries an HMAC-SHA256 of its cache key and its bytes under <see cref="CacheOptions.MacKey"/>, checked in
/// constant time when read back: a value someone wrote or copied inside Redis (a key record under another
/// key's name) is a miss, logged as a warning, never an error (docs/decisions/0011-authenticated-cache-values.md).
/// </summary>
public sealed class ResilientDistributedCache(IOptions<RedisCacheOptions> options, IOptions<CacheOptions> cacheOptions,
    TimeProvider clock, ILogger<ResilientDistributedCache> logger) : IDistributedCache, IDisposable
{
    private const int MacBytes = 32;
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);
    private readonly RedisCache _inner = new(options);
    private readonly byte[] _macKey = cacheOptions.Value.MacKeyBytes()
        ?? throw new InvalidOperationException("Cache:MacKey is not set (see docs/security.md).");
    private long _skipUntilTicks;

    public byte[]? Get(string key) => Open(key, Guard(() => _inner.Get(key), null));
    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) => Open(key, await GuardAsync(() => _inner.GetAsync(key, token), null));
    public void Refresh(string key) => Guard(() => { _inner.Refresh(key); return true; }, false);
    public Task RefreshAsync(string key, CancellationToken token = default) => GuardAsync(async () => { await _inner.RefreshAsync(key, token); return true; }, false);
    public void Remove(string key) => Guard(() => { _inner.Remove(key); return true; }, false);
    public Task RemoveAsync(string key, CancellationToken token = default) => GuardAsync(async () => { await _inner.RemoveAsync(key, token); return true; }, false);
    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => Guard(() => { _inner.Set(key, Seal(key, value), options); return true; }, false);
    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        GuardAsync(async () => { await _inner.SetAsync(key, Seal(key, value), options, token); return true; }, false);

    public void Dispose() => _inner.Dispose();

    /// <summary>The MAC, then the value.</summary>
    private byte[] Seal(string key, byte[] value)
    {
        var sealedValue = new byte[MacBytes + value.Length];
        Mac(key, value, sealedValue.AsSpan(0, MacBytes));
        value.CopyTo(sealedValue, MacBytes);
        return sealedValue;
    }

    /// <summary>The value when its MAC is right for this key; otherwise a miss.</summary>
    private byte[]? Open(string key, byte[]? stored)
    {
        if (stored is null) return null;
        Span<byte> expected = stackalloc byte[MacBytes];
        if (stored.Length >= MacBytes)
        {
            Mac(key, stored.AsSpan(MacBytes), expected);
            if (CryptographicOperations.FixedTimeEquals(expected, stored.AsSpan(0, MacBytes))) return stored[MacBytes..];
        }
        // The kind of entry only (the text before the first ':'): a key record's name holds a key's hash.
        var kind = key.Split(':', 2)[0];
        logger.LogWarning("A cached {Kind} entry failed its authentication check and was ignored (read as a miss)", kind);
        return null;
    }

    /// <summary>HMAC-SHA256 over the key's length, the key and the value: the value is bound to its key.</summary>
    private void Mac(string key, ReadOnlySpan<byte> value, Span<byte> destination)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _macKey);
        var keyBytes = Encoding.UTF8.GetBytes(key);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, keyBytes.Length);
        hmac.AppendData(length);
        hmac.AppendData(keyBytes);
        hmac.AppendData(value);
        hmac.GetHashAndReset(destination);
    }

    private bool Paused => clock.GetUtcNow().UtcTicks < Interlocked.Read(ref _skipUntilTicks);

    private T Guard<T>(Func<T> action, T fallback)
    {
        if (Paused) return fallback;
        try { return action(); }
        catch (Exception ex) when (ex is not OperationCanceledException) { Trip(ex); return fallback; }
    }

    private async Task<T> GuardAsync<T>(Func<Task<T>> action, T fallback)
    {
        if (Paused) return fallback;
        try { return await action(); }
        catch (Exception ex) when (ex is not OperationCanceledException) { Trip(ex); return fallback; }
    }

    private void Trip(Exception ex)
    {
        Interlocked.Exchange(ref _skipUntilTicks, clock.GetUtcNow().Add(Pause).UtcTicks);
        logger.LogWarning("Redis cache tier unavailable, serving from memory and PostgreSQL: {Error}", ex.GetType().Name);
    }
}
