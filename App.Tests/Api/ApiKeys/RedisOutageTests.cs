using System.Diagnostics;
using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>Redis killed under the API: keys still validate (PostgreSQL), limits go per instance, health says degraded.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task Keys_keep_working_without_redis_and_shared_limits_resume_when_it_returns()
    {
        await using var redis = new DedicatedRedis();
        await redis.StartAsync();
        await using var host = await PortalHost.StartAsync(new PortalHost(redis: redis.ConnectionString));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var cached = await client.CreateKeyAsync(jwt, ["contacts:read"], name: "used before the outage");
        var fresh = await client.CreateKeyAsync(jwt, ["contacts:read"], name: "first used during the outage");
        var before = await (await client.GetWithKeyAsync("/v1/developer-access/whoami", cached.Secret)).JsonAsync();
        Assert.True((bool)before["rate_limit"]!["shared"]!);

        await redis.KillAsync();

        var clock = Stopwatch.StartNew();
        foreach (var key in new[] { cached, fresh, cached, fresh })
        {
            var response = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
            Assert.False((bool)(await response.JsonAsync())["rate_limit"]!["shared"]!);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"requests without Redis took {clock.Elapsed}");
        await (await client.GetWithKeyAsync("/v1/developer-access/whoami", ApiKeyFormatUnknown())).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        var health = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var healthJson = await health.JsonAsync();
        Assert.Equal("degraded", (string?)healthJson["status"]);
        Assert.Equal("degraded", (string?)healthJson["checks"]!["redis"]!["status"]);
        Assert.Equal("healthy", (string?)healthJson["checks"]!["postgres"]!["status"]);

        // A new Redis on the same port: the connection comes back and limits are shared again.
        await redis.StartAsync();
        {
            var shared = false;
            var deadline = Stopwatch.StartNew();
            while (!shared && deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(250);
                var response = await client.GetWithKeyAsync("/v1/developer-access/whoami", cached.Secret);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                shared = (bool)(await response.JsonAsync())["rate_limit"]!["shared"]!;
            }
            Assert.True(shared, "rate limits did not return to Redis");
            Assert.Equal("healthy", (string?)(await (await client.GetAsync("/health/ready")).JsonAsync())["status"]);
        }
    }

    private static string ApiKeyFormatUnknown() => Boltly.Features.ApiKeys.ApiKeyFormat.Generate().Secret;
}
