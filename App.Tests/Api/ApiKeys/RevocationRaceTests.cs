using System.Diagnostics;
using System.Net;
using Boltly.Platform.Caching;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>
/// A lookup that read the key's row just before the revocation committed finishes after the eviction and
/// stores its stale, active copy. These tests make that late write themselves (the same HybridCache call
/// a racing lookup ends with) and check that the revoked key stays refused.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class RevocationRaceTests(ITestOutputHelper output)
{
    private const string Whoami = "/v1/developer-access/whoami";
    private static readonly HybridCacheEntryOptions SixtySeconds = new() { Expiration = TimeSpan.FromSeconds(60), LocalCacheExpiration = TimeSpan.FromSeconds(60) };

    private static async Task WriteStaleCopyAsync(PortalHost host, string secret, ApiKeyRecord stale) =>
        await host.Services.GetRequiredService<HybridCache>().SetAsync(ApiKeyValidator.CacheKey(ApiKeyFormat.Hash(secret)), stale, SixtySeconds, [ApiKeyValidator.Tag]);

    private static Task<ApiKeyRecord> ActiveRecordAsync(PortalHost host, string secret) =>
        host.Services.GetRequiredService<ApiKeyValidator>().FindAsync(ApiKeyFormat.Hash(secret)).AsTask();

    [Fact]
    public async Task A_stale_copy_written_after_the_revocation_is_refused_on_the_revoking_instance()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var stale = await ActiveRecordAsync(host, key.Secret);
        Assert.True(stale.Found);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt)).StatusCode);
        await WriteStaleCopyAsync(host, key.Secret, stale);
        var redis = host.Services.GetRequiredService<IDistributedCache>();
        var cacheKey = ApiKeyValidator.CacheKey(ApiKeyFormat.Hash(key.Secret));
        Assert.NotNull(await redis.GetAsync(cacheKey));

        await (await client.GetWithKeyAsync(Whoami, key.Secret)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        // The refusal also dropped the stale copy from Redis, for instances that never heard of the revocation.
        Assert.Null(await redis.GetAsync(cacheKey));
    }

    [Fact]
    public async Task A_stale_copy_written_after_the_eviction_message_is_refused_on_another_instance()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var jwt = await clientA.AccessTokenAsync(user);
        var key = await clientA.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync(Whoami, key.Secret)).StatusCode);
        var stale = await ActiveRecordAsync(b, key.Secret);

        var evictedOnB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cacheKey = ApiKeyValidator.CacheKey(ApiKeyFormat.Hash(key.Secret));
        b.Services.GetRequiredService<CacheInvalidationBus>().Evicted += k => { if (k == cacheKey) evictedOnB.TrySetResult(); };
        Assert.Equal(HttpStatusCode.NoContent, (await clientA.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt)).StatusCode);
        await evictedOnB.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await WriteStaleCopyAsync(b, key.Secret, stale);
        await (await clientB.GetWithKeyAsync(Whoami, key.Secret)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task The_revocation_is_evicted_again_so_a_stale_copy_in_redis_is_gone_for_instances_that_missed_the_message()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        // C listens on another channel: it hears neither eviction, and knows nothing of the revocation.
        await using var c = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["Redis:InvalidationChannel"] = "elsewhere-" + Guid.NewGuid().ToString("N"),
        }, redisPrefix: deployment));
        var clientA = a.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var jwt = await clientA.AccessTokenAsync(user);
        var key = await clientA.CreateKeyAsync(jwt, ["contacts:read"]);
        var stale = await ActiveRecordAsync(a, key.Secret);
        var redis = a.Services.GetRequiredService<IDistributedCache>();
        var cacheKey = ApiKeyValidator.CacheKey(ApiKeyFormat.Hash(key.Secret));

        Assert.Equal(HttpStatusCode.NoContent, (await clientA.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt)).StatusCode);
        var clock = Stopwatch.StartNew();
        await WriteStaleCopyAsync(a, key.Secret, stale);
        Assert.NotNull(await redis.GetAsync(cacheKey));
        while (await redis.GetAsync(cacheKey) is not null && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);

        output.WriteLine($"stale copy gone from Redis {clock.ElapsedMilliseconds} ms after the revocation (second eviction after 2 s)");
        Assert.Null(await redis.GetAsync(cacheKey));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.ElapsedMilliseconds} ms");
        await (await c.CreateHttpClient().GetWithKeyAsync(Whoami, key.Secret)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
