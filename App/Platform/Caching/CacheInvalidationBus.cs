using System.Globalization;
using Boltly.Platform.Metrics;
using Boltly.Platform.Redis;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Platform.Caching;

/// <summary>
/// HybridCache does not evict other instances' in-memory copies, so an eviction that must be seen
/// everywhere (a revoked key, a changed security stamp) is also published on a Redis channel; every
/// instance evicts its own copy on receipt. After a lost connection an instance may have missed
/// messages, so it drops its whole memory tier.
/// A message is <c>{unix milliseconds}|{cache key}</c>, the key behind a <c>!</c> for a revocation: the receiver records how long the eviction took to arrive
/// (<see cref="BoltlyMetrics.InvalidationPropagationName"/>, docs/metrics.md); a bare key (an older instance) is
/// still evicted, just not timed. The instances' clocks are assumed in step (NTP); skew shows up in the histogram.
/// </summary>
public sealed class CacheInvalidationBus(IConnectionMultiplexer redis, HybridCache cache,
    IOptions<RedisOptions> options, BoltlyMetrics metrics, TimeProvider clock, ILogger<CacheInvalidationBus> logger) : IHostedService
{
    private const char Separator = '|';

    private RedisChannel Channel => RedisChannel.Literal(options.Value.KeyPrefix + options.Value.InvalidationChannel);

    // A revocation travels as this marker and the key: cache keys never start with it.
    private const char RevocationMarker = '!';

    /// <summary>Raised when another instance asks to evict a key, before this instance removes its copy.</summary>
    public event Action<string>? Evicting;

    /// <summary>Raised when another instance revoked a key (<see cref="RevokeEverywhereAsync"/>), before this instance
    /// removes its copy, so <see cref="CacheRevocations"/> can refuse a copy that a lookup still in flight may write back.</summary>
    public event Action<string>? Revoking;

    /// <summary>Raised after a key was evicted because another instance asked (for tests and metrics).</summary>
    public event Action<string>? Evicted;

    private long _epoch;

    /// <summary>Moves after every eviction this instance has carried out (its own, another instance's, a cleared memory
    /// tier), once the entry is gone: a decision checked against cached entries at one epoch still holds while the epoch
    /// has not moved (ADR 0033; the access-token checks use it).</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    /// <summary>Evicts <paramref name="key"/> here and in Redis, and asks every other instance to evict it.</summary>
    public Task EvictEverywhereAsync(string key, CancellationToken ct = default) => PublishAsync(key, key, ct);

    /// <summary>As <see cref="EvictEverywhereAsync"/>, and the other instances learn that the entry was revoked
    /// (<see cref="Revoking"/>): call it through <see cref="CacheRevocations.RevokeAsync"/>.</summary>
    public Task RevokeEverywhereAsync(string key, CancellationToken ct = default) => PublishAsync(key, RevocationMarker + key, ct);

    private async Task PublishAsync(string key, string message, CancellationToken ct)
    {
        await cache.RemoveAsync(key, ct);
        Interlocked.Increment(ref _epoch);
        try
        {
            var publishedAt = clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
            await redis.GetSubscriber().PublishAsync(Channel, publishedAt + Separator + message);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Other instances fall back to the cache TTL (the outer bound) or clear on reconnect.
            logger.LogWarning("Could not publish a cache eviction: {Error}", ex.GetType().Name);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored += OnConnectionRestored;
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, OnMessage);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // StackExchange.Redis re-establishes subscriptions when the connection comes back.
            logger.LogWarning("Redis unavailable at start; cache eviction messages resume on reconnect: {Error}", ex.GetType().Name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionRestored -= OnConnectionRestored;
        return Task.CompletedTask;
    }

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        var text = (string?)message;
        if (string.IsNullOrEmpty(text)) return;
        var cut = text.IndexOf(Separator, StringComparison.Ordinal);
        DateTimeOffset? publishedAt = cut > 0 && long.TryParse(text.AsSpan(0, cut), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
        var key = publishedAt is null ? text : text[(cut + 1)..];
        if (key.Length == 0) return;
        var revoked = key[0] == RevocationMarker;
        if (revoked) key = key[1..];
        if (key.Length > 0) _ = EvictLocallyAsync(key, revoked, publishedAt);
    }

    private async Task EvictLocallyAsync(string key, bool revoked, DateTimeOffset? publishedAt)
    {
        try
        {
            if (revoked) Revoking?.Invoke(key);
            Evicting?.Invoke(key);
            await cache.RemoveAsync(key);
            Interlocked.Increment(ref _epoch);
            // The kind (the text before the first ':', "apikey" for a revoked key) and never the key: it holds a hash.
            if (publishedAt is { } at) metrics.EvictionPropagated(key.Split(':', 2)[0], clock.GetUtcNow() - at);
            Evicted?.Invoke(key);
        }
        catch (Exception ex)
        {
            logger.LogWarning("Local cache eviction failed: {Error}", ex.GetType().Name);
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription) return;
        logger.LogInformation("Redis connection restored; clearing the in-memory cache tier");
        _ = ClearAllAsync();
    }

    private async Task ClearAllAsync()
    {
        try
        {
            await cache.RemoveByTagAsync("*");
            Interlocked.Increment(ref _epoch);
        }
        catch (Exception ex) { logger.LogWarning("Clearing the memory tier failed: {Error}", ex.GetType().Name); }
    }
}
