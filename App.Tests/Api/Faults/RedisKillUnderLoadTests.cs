using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Faults;

/// <summary>
/// Two instances on one Redis that is killed while requests are in flight on both: no 5xx, keys
/// validate from PostgreSQL, limits go per instance; when Redis returns, limits are shared again and
/// each instance has dropped its memory tier (it may have missed eviction messages meanwhile).
/// Cached keys live 600 s here, so what the memory tier does is never a coincidence of expiry.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class RedisKillUnderLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_redis_under_load_on_two_instances_causes_no_5xx_and_recovery_clears_stale_entries()
    {
        await using var redis = new DedicatedRedis();
        await redis.StartAsync();
        var deployment = PortalHost.NewRedisPrefix();
        const int limit = 1_000_000;
        var settings = new Dictionary<string, string?>
        {
            ["RateLimits:ApiKeyPerWindow"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cache:EntrySeconds"] = "600",
        };
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

        // Load on both instances, bounded in count and time; Redis dies in the middle of it. The "late" key
        // is sent only once the kill has happened, so its first lookup cannot be served by Redis.
        var statuses = new ConcurrentDictionary<int, int>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sent = 0;
        var lateAccepted = 0;
        var killed = 0;
        var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var client = w % 2 == 0 ? clientA : clientB;
            for (var i = 0; i < 400 && !stop.IsCancellationRequested; i++)
            {
                var useLate = i % 5 == 4 && Volatile.Read(ref killed) == 1;
                var path = i % 3 == 0 ? "/v1/contacts" : "/v1/developer-access/whoami";
                var response = await client.GetWithKeyAsync(path, useLate ? late.Secret : busy.Secret);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (useLate && response.StatusCode == HttpStatusCode.OK) Interlocked.Increment(ref lateAccepted);
                Interlocked.Increment(ref sent);
            }
        })).ToArray();
        while (Volatile.Read(ref sent) < 300 && !workers.All(t => t.IsCompleted)) await Task.Delay(10);
        await redis.KillAsync();
        Volatile.Write(ref killed, 1);
        var killedAfter = Volatile.Read(ref sent);
        await Task.WhenAll(workers);
        output.WriteLine($"{sent} requests, Redis killed after {killedAfter}, {lateAccepted} with the key first used after the kill: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}")));
        Assert.True(sent - killedAfter >= 500, $"only {sent - killedAfter} requests after the kill");
        Assert.DoesNotContain(statuses.Keys, s => s >= 500);
        Assert.Equal(sent, statuses.GetValueOrDefault(200));
        Assert.True(lateAccepted >= 50, $"the key first used during the outage was accepted only {lateAccepted} times");

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
        // Far inside the 600 s cache lifetime: the memory tier was cleared on reconnect, not left to expire.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20));

        // One budget again: a fresh key's requests, split over both instances in one window, are counted together.
        var fresh = await clientA.CreateKeyAsync(jwt, ["contacts:read"], name: "after the outage");
        a.Clock.AlignToWindowStart(b.Clock);
        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? a : b).CreateHttpClient().GetWithKeyAsync("/v1/developer-access/whoami", fresh.Secret)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var onA = await clientA.GetWithKeyAsync("/v1/developer-access/whoami", fresh.Secret);
        var onB = await clientB.GetWithKeyAsync("/v1/developer-access/whoami", fresh.Secret);
        Assert.Equal(limit - 201, onA.HeaderInt("X-RateLimit-Remaining"));
        Assert.Equal(limit - 202, onB.HeaderInt("X-RateLimit-Remaining"));
    }
}
