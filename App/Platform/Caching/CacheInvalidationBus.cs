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
/// </summary>
public sealed class CacheInvalidationBus(IConnectionMultiplexer redis, HybridCache cache,
    IOptions<RedisOptions> options, ILogger<CacheInvalidationBus> logger) : IHostedService
{
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

    /// <summary>Evicts <paramref name="key"/> here and in Redis, and asks every other instance to evict it.</summary>
    public Task EvictEverywhereAsync(string key, CancellationToken ct = default) => PublishAsync(key, key, ct);

    /// <summary>As <see cref="EvictEverywhereAsync"/>, and the other instances learn that the entry was revoked
    /// (<see cref="Revoking"/>): call it through <see cref="CacheRevocations.RevokeAsync"/>.</summary>
    public Task RevokeEverywhereAsync(string key, CancellationToken ct = default) => PublishAsync(key, RevocationMarker + key, ct);

    private async Task PublishAsync(string key, string message, CancellationToken ct)
    {
        await cache.RemoveAsync(key, ct);
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, message);
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
        var key = (string?)message;
        if (string.IsNullOrEmpty(key)) return;
        var revoked = key[0] == RevocationMarker;
        _ = EvictLocallyAsync(revoked ? key[1..] : key, revoked);
    }

    private async Task EvictLocallyAsync(string key, bool revoked)
    {
        try
        {
            if (revoked) Revoking?.Invoke(key);
            Evicting?.Invoke(key);
            await cache.RemoveAsync(key);
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
        try { await cache.RemoveByTagAsync("*"); }
        catch (Exception ex) { logger.LogWarning("Clearing the memory tier failed: {Error}", ex.GetType().Name); }
    }
}
