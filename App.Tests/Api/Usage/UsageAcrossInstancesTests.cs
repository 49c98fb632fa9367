using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Usage;

/// <summary>Two instances on one PostgreSQL and Redis count one total per key-minute (ADR 0019).</summary>
public sealed class UsageAcrossInstancesTests
{
    [Fact]
    public async Task Requests_spread_over_two_instances_are_counted_once_each_and_logged_newest_first()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var user = await TestUser.CreateAsync(a);
        var jwt = await a.CreateHttpClient().AccessTokenAsync(user);
        var key = await a.CreateHttpClient().CreateKeyAsync(jwt, ["contacts:read"]);
        var scenario = new UsageScenario(i => i % 2 == 0 ? a : b, jwt, key);

        // Both instances refuse the key before the last two requests, one of which goes to each.
        var hash = ApiKeyFormat.Hash(key.Secret);
        await scenario.RunAsync(async () =>
        {
            var revocation = b.Services.GetRequiredService<ApiKeyRevocation>();
            for (var i = 0; i < 200 && !revocation.IsRecentlyRevoked(hash); i++) await Task.Delay(10);
            Assert.True(revocation.IsRecentlyRevoked(hash));
        });
        Assert.Equal(2, scenario.Sent.Count(s => s.Status == 401));

        // Both instances write rollups at once: the totals are the same whoever writes them.
        var ct = TestContext.Current.CancellationToken;
        await Task.WhenAll(a.Services.GetRequiredService<UsageRollupWriter>().FlushAsync(ct), b.Services.GetRequiredService<UsageRollupWriter>().FlushAsync(ct));
        await Task.WhenAll(a.Services.GetRequiredService<UsageRollupWriter>().FlushAsync(ct), b.Services.GetRequiredService<UsageRollupWriter>().FlushAsync(ct));

        foreach (var reader in new[] { a, b })
        {
            var usage = await UsageScenario.UsageWhenCountedAsync(reader, jwt, key.Id, scenario.Sent.Count);
            Assert.Equal(30, (long)usage["success"]!);
            Assert.Equal(5, (long)usage["insufficient_scope"]!);
            Assert.Equal(2, (long)usage["revoked"]!);
            Assert.Equal(37, usage.Sum(p => (long)p.Value!));
        }
        scenario.AssertLogged(await UsageScenario.LogWhenWrittenAsync(b, jwt, key.Id, scenario.Sent.Count));
    }

    [Fact]
    public async Task An_expired_key_is_counted_as_expired_to_that_key()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"], expiresAt: host.Clock.GetUtcNow().AddMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/contacts", key.Secret)).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithKeyAsync("/v1/contacts", key.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithKeyAsync("/v1/contacts", key.Secret)).StatusCode);

        await host.Services.GetRequiredService<UsageRollupWriter>().FlushAsync(TestContext.Current.CancellationToken);
        var jwtNow = await client.AccessTokenAsync(user);
        var response = await client.SendWithBearerAsync(HttpMethod.Get,
            $"/v1/developer-access/api-keys/{key.Id}/usage?granularity=minute&from={Uri.EscapeDataString(host.Clock.GetUtcNow().AddMinutes(-30).ToString("O"))}", jwtNow);
        var usage = UsageScenario.Sum((await response.JsonAsync())["data"]!.AsArray());
        Assert.Equal(1, (long)usage["success"]!);
        Assert.Equal(2, (long)usage["expired"]!);
    }
}
