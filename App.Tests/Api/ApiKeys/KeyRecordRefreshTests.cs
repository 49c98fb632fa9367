using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>
/// Keys in steady use are re-read together, a statement per <see cref="ApiKeyValidator.KeysPerStatement"/> keys,
/// instead of each record expiring and reloading on its own once per cache lifetime (1,000 statements a minute for
/// 1,000 keys in use: bench/RESULTS.md, b2); a refresh still reads the database, so a revocation whose message was
/// lost is seen there (docs/api-keys.md).
/// </summary>
public sealed class KeyRecordRefreshTests(ITestOutputHelper output)
{
    private const string KeyLookup = "FROM api_keys";
    private const string Whoami = "/v1/developer-access/whoami";
    private const int Keys = 1000;
    // Long enough that the refresher's own timer (a third of it, in real time) never runs during the test: the test
    // runs each pass itself, after moving the clock by a period.
    private const int LifetimeSeconds = 600;
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(LifetimeSeconds / ApiKeyRecordRefresher.PassesPerLifetime + 1);

    [Fact]
    public async Task A_thousand_keys_in_use_are_never_reloaded_one_by_one_past_the_cache_lifetime()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["Cache:EntrySeconds"] = LifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var user = await TestUser.CreateAsync(host);
        var secrets = await InsertKeysAsync(host, user, Keys);
        var validator = host.Services.GetRequiredService<ApiKeyValidator>();
        await RequestEachAsync(host, secrets);   // warm-up: each key loaded once, at the same moment
        host.Queries.Clear();

        // Three periods of steady use, each ending in a pass: 3 × 201 s is past the warm-up entries' 600 s lifetime.
        var refreshed = new List<int>();
        for (var pass = 0; pass < ApiKeyRecordRefresher.PassesPerLifetime; pass++)
        {
            host.Clock.Advance(Period);
            refreshed.Add(await validator.RefreshInUseAsync());
            await RequestEachAsync(host, secrets);
        }

        var lookups = host.Queries.Count(KeyLookup);
        output.WriteLine($"keys refreshed per pass: {string.Join(", ", refreshed)}; key statements behind {3 * Keys} requests " +
            $"over {Keys} keys, {3 * Period.TotalSeconds:F0} s after the warm-up: {lookups}");
        Assert.All(refreshed, n => Assert.Equal(Keys, n));
        // Two statements a pass (500 keys each); the old way, the last round alone reloaded every key.
        Assert.Equal(ApiKeyRecordRefresher.PassesPerLifetime * Keys / ApiKeyValidator.KeysPerStatement, lookups);
    }

    [Fact]
    public async Task A_key_not_used_in_a_period_is_not_refreshed_and_expires_as_before()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["Cache:EntrySeconds"] = LifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var user = await TestUser.CreateAsync(host);
        var secrets = await InsertKeysAsync(host, user, 2);
        var validator = host.Services.GetRequiredService<ApiKeyValidator>();
        await RequestEachAsync(host, secrets);

        Assert.Equal(2, await validator.RefreshInUseAsync());
        await RequestEachAsync(host, secrets[..1]);
        Assert.Equal(1, await validator.RefreshInUseAsync());
        Assert.Equal(0, await validator.RefreshInUseAsync());

        // The unused key's entry lived its lifetime from the first pass and is gone: its next use loads it again.
        host.Clock.Advance(TimeSpan.FromSeconds(LifetimeSeconds + 1));
        host.Queries.Clear();
        await RequestEachAsync(host, secrets[1..]);
        Assert.Equal(1, host.Queries.Count(KeyLookup));
    }

    [Fact]
    public async Task A_thousand_keys_arriving_cold_at_once_are_read_together_not_one_statement_each()
    {
        // A fresh instance (or one whose entries all ended) meeting 1,000 keys at once: nothing in memory or Redis.
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var user = await TestUser.CreateAsync(host);
        var secrets = await InsertKeysAsync(host, user, Keys);
        host.Queries.Clear();

        await RequestEachAsync(host, secrets, parallelism: 64);

        var lookups = host.Queries.Count(KeyLookup);
        output.WriteLine($"key statements behind {Keys} cold keys, 64 requests at a time: {lookups}");
        // One statement per key before the loads were grouped; with 64 requests in flight each statement carries
        // whatever misses arrived while the previous one was out.
        Assert.InRange(lookups, 1, Keys / 8);
        // Every one was found (RequestEachAsync asserts 200s); and they stay in memory: no statement the second time.
        host.Queries.Clear();
        await RequestEachAsync(host, secrets, parallelism: 64);
        Assert.Equal(0, host.Queries.Count(KeyLookup));
    }

    [Fact]
    public async Task A_refresh_sees_a_revocation_whose_message_was_lost()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        // B listens on another channel: it never hears A's evictions, as if the messages were lost.
        await using var b = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["Redis:InvalidationChannel"] = "elsewhere-" + Guid.NewGuid().ToString("N"),
            ["Cache:EntrySeconds"] = LifetimeSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, redisPrefix: deployment));
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var jwt = await clientA.AccessTokenAsync(user);
        var key = await clientA.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync(Whoami, key.Secret)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent,
            (await clientA.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetWithKeyAsync(Whoami, key.Secret)).StatusCode);   // B's copy, message lost

        Assert.Equal(1, await b.Services.GetRequiredService<ApiKeyValidator>().RefreshInUseAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await clientB.GetWithKeyAsync(Whoami, key.Secret)).StatusCode);
    }

    private static async Task<string[]> InsertKeysAsync(PortalHost host, TestUser user, int count)
    {
        var generated = Enumerable.Range(0, count).Select(_ => ApiKeyFormat.Generate()).ToArray();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateForAccountAsync(user.AccountId);
        var now = host.Clock.GetUtcNow();
        foreach (var (key, i) in generated.Select((k, i) => (k, i)))
            db.ApiKeys.Add(new ApiKey
            {
                AccountId = user.AccountId, Name = $"refresh {i}", Prefix = key.DisplayPrefix, KeyHash = key.Hash,
                Scopes = ["contacts:read"], CreatedByUserId = user.UserId, CreatedAt = now,
            });
        await db.SaveChangesAsync();
        return [.. generated.Select(k => k.Secret)];
    }

    private static async Task RequestEachAsync(PortalHost host, IEnumerable<string> secrets, int parallelism = 16)
    {
        var client = host.CreateHttpClient();
        var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
        await Parallel.ForEachAsync(secrets, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
            async (secret, _) => statuses.Add((await client.GetWithKeyAsync(Whoami, secret)).StatusCode));
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
    }
}
