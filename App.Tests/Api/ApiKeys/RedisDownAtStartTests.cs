using System.Diagnostics;
using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>
/// Instances started while Redis is unreachable: their first subscription to cache evictions fails, and
/// StackExchange.Redis makes it once Redis is there, so a key revoked on one is refused on the other at
/// once, not only after the cache lifetime.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class RedisDownAtStartTests(ITestOutputHelper output)
{
    private const string WhoAmI = "/v1/developer-access/whoami";

    [Fact]
    public async Task Instances_started_without_redis_receive_revocations_once_it_is_up()
    {
        await using var redis = new DedicatedRedis();
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redis: redis.ConnectionString, redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redis: redis.ConnectionString, redisPrefix: deployment));
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();
        Assert.Equal("degraded", (string?)(await (await clientB.GetAsync("/health/ready")).JsonAsync())["status"]);

        await redis.StartAsync();
        var waited = Stopwatch.StartNew();
        while ((string?)(await (await clientB.GetAsync("/health/ready")).JsonAsync())["status"] != "healthy"
               || (string?)(await (await clientA.GetAsync("/health/ready")).JsonAsync())["status"] != "healthy")
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the instances did not reach Redis");
            await Task.Delay(200);
        }
        // The subscription goes out on the new connection, right after it is up.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var user = await TestUser.CreateAsync(a);
        var jwt = await clientA.AccessTokenAsync(user);
        var key = await clientA.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync(WhoAmI, key.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync(WhoAmI, key.Secret)).StatusCode);

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.NoContent,
            (await clientA.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt)).StatusCode);
        HttpStatusCode status;
        do
        {
            status = (await clientB.GetWithKeyAsync(WhoAmI, key.Secret)).StatusCode;
            if (status == HttpStatusCode.Unauthorized) break;
            await Task.Delay(10);
        } while (clock.Elapsed < TimeSpan.FromSeconds(10));
        output.WriteLine($"revocation seen by the instance that started without Redis after {clock.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.ElapsedMilliseconds} ms");
    }
}
