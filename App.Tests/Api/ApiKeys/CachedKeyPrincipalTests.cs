using System.Diagnostics;
using System.Net;
using Boltly.Platform.Caching;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>
/// A key's principal is built once per cached key record and shared by the requests that use it (ADR 0033). It goes
/// with its record: a key revoked on another instance, a record changed and evicted (its scopes), or a key past its
/// expiry is refused within a second, however often the principal was served from memory before.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class CachedKeyPrincipalTests
{
    private const string WhoAmI = "/v1/developer-access/whoami";
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_key_served_from_memory_on_one_instance_is_refused_there_within_a_second_of_its_revocation_on_another()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var client = a.CreateHttpClient();
        var jwt = await client.AccessTokenAsync(await TestUser.CreateAsync(a));
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var onB = b.CreateHttpClient();
        await ServedFromMemoryAsync(onB, key.Secret);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt)).StatusCode);

        await AssertWithinPromiseAsync(onB, key.Secret, "/v1/contacts", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_whose_scopes_change_is_judged_by_its_new_scopes_within_a_second()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var jwt = await client.AccessTokenAsync(await TestUser.CreateAsync(host));
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        await ServedFromMemoryAsync(client, key.Secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/contacts", key.Secret)).StatusCode);

        // A change to the key's record, made the way every change to it is published: stored, then evicted everywhere.
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == key.Id).ExecuteUpdateAsync(k => k.SetProperty(x => x.Scopes, ["inbox:read"]),
                TestContext.Current.CancellationToken);
        }
        await host.Services.GetRequiredService<CacheInvalidationBus>().EvictEverywhereAsync(ApiKeyValidator.CacheKey(ApiKeyFormat.Hash(key.Secret)),
            TestContext.Current.CancellationToken);

        await AssertWithinPromiseAsync(client, key.Secret, "/v1/contacts", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_key_served_from_memory_is_refused_as_soon_as_it_expires()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var jwt = await client.AccessTokenAsync(await TestUser.CreateAsync(host));
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"], expiresAt: host.Clock.GetUtcNow().AddMinutes(10));
        await ServedFromMemoryAsync(client, key.Secret);

        host.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithKeyAsync(WhoAmI, key.Secret)).StatusCode);
    }

    private static async Task ServedFromMemoryAsync(HttpClient client, string secret)
    {
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync(WhoAmI, secret)).StatusCode);
    }

    private static async Task AssertWithinPromiseAsync(HttpClient client, string secret, string path, HttpStatusCode expected)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do status = (await client.GetWithKeyAsync(path, secret)).StatusCode;
        while (status != expected && clock.Elapsed < Promise + Promise);
        Assert.Equal(expected, status);
        Assert.True(clock.Elapsed < Promise, $"{expected} after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }
}
