using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Faults;

/// <summary>
/// Two instances on one Redis that is killed while requests are in flight on both: no 5xx, keys
/// validate from PostgreSQL, limits go per instance; when Redis returns, limits are shared again and
/// each instance has dropped its memory tier (it may have missed eviction messages meanwhile).
/// </summary>
public sealed class RedisKillUnderLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_redis_under_load_on_two_instances_causes_no_5xx_and_recovery_clears_stale_entries()
    {
        await using var redis = new DedicatedRedis();
        await redis.StartAsync();
        var deployment = PortalHost.NewRedisPrefix();
        var settings = new Dictionary<string, string?> { ["RateLimits:ApiKeyPerWindow"] = "1000000" };
        await using var a = await PortalHost.StartAsync(new PortalHost(settings, redis: redis.ConnectionString, redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(settings, redis: redis.ConnectionString, redisPrefix: deployment));
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var jwt = await clientA.AccessTokenAsync(user);
        var busy = await clientA.CreateKeyAsync(jwt, ["contacts:read"], name: "under load");
        var stale = await clientA.CreateKeyAsync(jwt, ["contacts:read"], name: "revoked during the outage");
        var late = await clientA.CreateKeyAsync(jwt, ["contacts:read"], name: "first used during the outage");
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", stale.Secret)).StatusCode);

        // Load on both instances, bounded in count and time; Redis dies in the middle of it.
        var statuses = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sent = 0;
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var client = w % 2 == 0 ? clientA : clientB;
            for (var i = 0; i < 400 && !stop.IsCancellationRequested; i++)
            {
                var key = i % 5 == 4 ? late.Secret : busy.Secret;
                var path = i % 3 == 0 ? "/v1/contacts" : "/v1/developer-access/whoami";
                var response = await client.GetWithKeyAsync(path, key);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                Interlocked.Increment(ref sent);
            }
        })).ToArray();
        while (Volatile.Read(ref sent) < 300 && !workers.All(t => t.IsCompleted)) await Task.Delay(10);
        await redis.KillAsync();
        var killedAfter = Volatile.Read(ref sent);
        await Task.WhenAll(workers);
        output.WriteLine($"{sent} requests, Redis killed after {killedAfter}: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(sent - killedAfter >= 500, $"only {sent - killedAfter} requests after the kill");
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.Equal(sent, statuses.GetValueOrDefault(200));

        // Limits are per instance now.
        foreach (var client in new[] { clientA, clientB })
        {
            var json = await (await client.GetWithKeyAsync("/v1/developer-access/whoami", busy.Secret)).JsonAsync();
            Assert.False((bool)json["rate_limit"]!["shared"]!);
        }

        // Revoked on A while the eviction message cannot travel: B still holds the key in memory.
        Assert.Equal(HttpStatusCode.NoContent,
            (await clientA.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{stale.Id}", jwt)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await clientA.GetWithKeyAsync("/v1/developer-access/whoami", stale.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", stale.Secret)).StatusCode);

        await redis.StartAsync();
        var clock = Stopwatch.StartNew();
        bool sharedA = false, sharedB = false;
        var staleStatus = HttpStatusCode.OK;
        while (clock.Elapsed < TimeSpan.FromSeconds(20) && !(sharedA && sharedB && staleStatus == HttpStatusCode.Unauthorized))
        {
            await Task.Delay(200);
            sharedA = (bool)(await (await clientA.GetWithKeyAsync("/v1/developer-access/whoami", busy.Secret)).JsonAsync())["rate_limit"]!["shared"]!;
            sharedB = (bool)(await (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", busy.Secret)).JsonAsync())["rate_limit"]!["shared"]!;
            staleStatus = (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", stale.Secret)).StatusCode;
        }
        output.WriteLine($"after Redis returned: shared limits on both and the stale key refused on B within {clock.ElapsedMilliseconds} ms");
        Assert.True(sharedA && sharedB, "rate limits did not return to Redis on both instances");
        Assert.Equal(HttpStatusCode.Unauthorized, staleStatus);
        // Well inside the 60 s cache TTL: the memory tier was cleared on reconnect, not left to expire.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));
    }
}
