using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Boltly.Tests.Api.Hardening;

/// <summary>Values read back from Redis carry a MAC bound to their cache key: a key record copied inside
/// Redis under a made-up key's name authenticates nothing (docs/decisions/0011-authenticated-cache-values.md).</summary>
public sealed class CacheValueAuthenticationTests
{
    private const string WhoAmI = "/v1/developer-access/whoami";

    [Fact]
    public async Task A_key_record_copied_inside_redis_does_not_authenticate_a_made_up_key()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var host = await PortalHost.StartAsync(new LoggingPortal(deployment));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var login = await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
        Assert.True(login.IsSuccessStatusCode, string.Join("\n", host.Logs.Entries.Where(e => !e.StartsWith("Debug", StringComparison.Ordinal) && !e.StartsWith("Trace", StringComparison.Ordinal)).TakeLast(10)));
        var victim = await client.CreateKeyAsync((string)(await login.JsonAsync())["access_token"]!, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync(WhoAmI, victim.Secret)).StatusCode);

        // The attacker can write to Redis: the victim's entry, copied under the cache key of a key they made up.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServices.Redis);
        var server = redis.GetServer(redis.GetEndPoints()[0]);
        var victimEntry = server.Keys(pattern: deployment + "*" + ApiKeyFormat.Hash(victim.Secret)).Single();
        var madeUp = ApiKeyFormat.Generate();
        var forged = victimEntry.ToString().Replace(ApiKeyFormat.Hash(victim.Secret), ApiKeyFormat.Hash(madeUp.Secret), StringComparison.Ordinal);
        Assert.True(await redis.GetDatabase().KeyCopyAsync(victimEntry, forged));

        var response = await client.GetWithKeyAsync(WhoAmI, madeUp.Secret);
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Single(host.Logs.Entries, e => e.StartsWith("Warning", StringComparison.Ordinal) && e.Contains("failed its authentication check", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Entries, e => e.StartsWith("Error", StringComparison.Ordinal) || e.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_genuine_value_from_redis_is_read_by_another_instance_without_asking_postgresql()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var user = await TestUser.CreateAsync(a);
        var key = await a.CreateHttpClient().CreateKeyAsync(await a.CreateHttpClient().AccessTokenAsync(user), ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await a.CreateHttpClient().GetWithKeyAsync(WhoAmI, key.Secret)).StatusCode);

        b.Queries.Clear();
        Assert.Equal(HttpStatusCode.OK, (await b.CreateHttpClient().GetWithKeyAsync(WhoAmI, key.Secret)).StatusCode);
        Assert.Equal(0, b.Queries.Count("FROM api_keys"));
    }

    private sealed class LoggingPortal(string redisPrefix) : PortalHost(redisPrefix: redisPrefix)
    {
        public CapturedLogs Logs { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }
    }
}
