using System.Diagnostics;
using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>Two app instances on one PostgreSQL and one Redis, as behind a load balancer.</summary>
[Collection(TimingSensitive.Name)]
public sealed class MultiInstanceTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Fifty_creates_split_across_two_instances_make_exactly_five_keys()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var user = await TestUser.CreateAsync(a);
        var jwt = await a.CreateHttpClient().AccessTokenAsync(user);

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            (i % 2 == 0 ? a : b).CreateHttpClient().SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", jwt,
                new { name = $"k{i}", scopes = new[] { "contacts:read" } })));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(45, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task A_key_revoked_on_one_instance_is_refused_on_the_other_within_a_second()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var jwt = await clientA.AccessTokenAsync(user);
        var key = await clientA.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);

        // Measured from the moment the revocation is sent: the promise is about the revocation, not its response.
        var clock = Stopwatch.StartNew();
        var revoke = await clientA.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt);
        var revoked = clock.Elapsed;
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        HttpStatusCode status;
        do
        {
            status = (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode;
            if (status == HttpStatusCode.Unauthorized) break;
            await Task.Delay(5);
        } while (clock.Elapsed < TimeSpan.FromSeconds(5));

        output.WriteLine($"revocation seen on the second instance {clock.Elapsed.TotalMilliseconds:F0} ms after the DELETE was sent " +
            $"(the DELETE itself took {revoked.TotalMilliseconds:F0} ms)");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task With_the_eviction_message_lost_a_revoked_key_is_refused_within_the_cache_lifetime()
    {
        const int lifetimeSeconds = 5;
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        // B listens on another channel: it never hears A's evictions, as if the messages were lost.
        await using var b = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["Redis:InvalidationChannel"] = "elsewhere-" + Guid.NewGuid().ToString("N"),
            ["Cache:EntrySeconds"] = lifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, redisPrefix: deployment));
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var jwt = await clientA.AccessTokenAsync(user);
        var key = await clientA.CreateKeyAsync(jwt, ["contacts:read"]);
        // B caches the key no earlier than this moment; its copy lives at most the lifetime from here.
        var sinceCached = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        // B re-reads its keys in use every third of the lifetime (ApiKeyRecordRefresher): a pass that ends after the
        // revocation may already have seen it, which is the bound working sooner.
        var validatorB = b.Services.GetRequiredService<ApiKeyValidator>();
        var passesBefore = validatorB.RefreshPasses;

        Assert.Equal(HttpStatusCode.NoContent,
            (await clientA.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt)).StatusCode);
        var checkedAt = sinceCached.Elapsed;
        var first = (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode;
        // Only while B's copy is certainly still fresh is "still accepted" guaranteed (and shows the message mattered).
        if (checkedAt < TimeSpan.FromSeconds(lifetimeSeconds - 1) && validatorB.RefreshPasses == passesBefore)
            Assert.Equal(HttpStatusCode.OK, first);
        var status = first;
        while (status == HttpStatusCode.OK && sinceCached.Elapsed < TimeSpan.FromSeconds(lifetimeSeconds + 10))
        {
            await Task.Delay(100);
            status = (await clientB.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode;
        }

        output.WriteLine($"without the message: {(int)first} right after the revocation ({checkedAt.TotalMilliseconds:F0} ms after caching), " +
            $"refused {sinceCached.Elapsed.TotalMilliseconds:F0} ms after caching (lifetime {lifetimeSeconds} s)");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(sinceCached.Elapsed < TimeSpan.FromSeconds(lifetimeSeconds + 2), $"took {sinceCached.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task Two_instances_share_one_rate_limit_budget()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        a.Clock.AlignToWindowStart(b.Clock);
        var user = await TestUser.CreateAsync(a);
        var key = await a.CreateHttpClient().CreateKeyAsync(await a.CreateHttpClient().AccessTokenAsync(user), ["contacts:read"]);

        var responses = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? a : b).CreateHttpClient().GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)));

        Assert.Equal(120, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(80, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
    }
}
