using System.Globalization;
using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>What rate limiting costs Redis, read from a redis-server of the test's own (INFO commandstats).</summary>
public sealed class RateLimitRedisCostTests(ITestOutputHelper output)
{
    /// <summary>Calls of the counting script (EVAL, or EVALSHA once the script is cached) since the server started.</summary>
    private static async Task<long> ScriptCallsAsync(IServer server)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g)
            .Where(kv => kv.Key.StartsWith("cmdstat_eval", StringComparison.Ordinal));
        return stats.Sum(kv => long.Parse(kv.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_key_already_over_its_limit_is_refused_without_a_redis_call()
    {
        await using var redis = new DedicatedRedis();
        await redis.StartAsync();
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:ApiKeyPerWindow"] = "5",
            ["Cache:EntrySeconds"] = "600",
            // Usage counts go to Redis by script too, every push period: none may land among the calls counted here
            // (one did, on a loaded machine: 7 calls for 6 requests).
            ["Usage:CounterPushSeconds"] = "60",
            // The rollup reads Redis by script too, on a timer of the test's clock, which the alignment below moves.
            ["Usage:RollupFlushSeconds"] = "55",
        }, redis: redis.ConnectionString));
        await using var stats = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = stats.GetServer(stats.GetEndPoints().Single());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var key = await client.CreateKeyAsync(await client.AccessTokenAsync(user), ["contacts:read"]);
        host.Clock.AlignToWindowStart();
        // A batch writer's flush that the move set off finishes before the count starts.
        await host.Services.GetRequiredService<Boltly.Features.Usage.UsageRollupWriter>().FlushAsync(TestContext.Current.CancellationToken);
        await Task.Delay(TimeSpan.FromMilliseconds(500), TestContext.Current.CancellationToken);

        // One at a time, so no two are counted together: each is one script call.
        var start = await ScriptCallsAsync(server);
        for (var n = 1; n <= 5; n++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        await (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        var overLimit = await ScriptCallsAsync(server);
        Assert.Equal(6, overLimit - start);

        for (var n = 0; n < 20; n++)
            await (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        var after = await ScriptCallsAsync(server);
        output.WriteLine($"script calls: {overLimit - start} for the first 6 requests, {after - overLimit} for 20 refused ones");
        Assert.Equal(overLimit, after);

        // The next window asks Redis again.
        host.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        Assert.Equal(after + 1, await ScriptCallsAsync(server));
    }
}
