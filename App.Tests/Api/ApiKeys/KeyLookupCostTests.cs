using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>What a key check costs the database: malformed keys nothing, unknown keys one query each
/// per negative-cache period, valid keys one query per cache period.</summary>
public sealed class KeyLookupCostTests
{
    private const string KeyLookup = "FROM api_keys";

    [Fact]
    public async Task A_flood_of_malformed_and_unknown_keys_costs_one_query_per_distinct_well_formed_key()
    {
        // Negative entries outlive the run however slow the machine, so every extra query would be a real one.
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:InvalidKeyPerWindow"] = "100000",
            ["ApiKeys:NegativeCacheSeconds"] = "600",
        }));
        var client = host.CreateHttpClient();
        var unknown = Enumerable.Range(0, 5).Select(_ => ApiKeyFormat.Generate().Secret).ToArray();
        host.Queries.Clear();

        var requests = new List<Task<HttpResponseMessage>>();
        for (var i = 0; i < 300; i++)
        {
            var c = host.CreateHttpClient();
            requests.Add(c.GetWithKeyAsync("/v1/developer-access/whoami", i % 3 == 0 ? "sk_live_" + Guid.NewGuid().ToString("N") + "zzzzzzzz" : unknown[i % 5]));
        }
        var responses = await Task.WhenAll(requests);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.InRange(host.Queries.Count(KeyLookup), 1, unknown.Length);
    }

    [Fact]
    public async Task A_cold_stampede_on_one_valid_key_makes_one_query()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:ApiKeyPerWindow"] = "100000",
            ["Cache:EntrySeconds"] = "600",
        }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var key = await client.CreateKeyAsync(await client.AccessTokenAsync(user), ["contacts:read"]);
        host.Queries.Clear();

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ =>
            host.CreateHttpClient().GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        for (var i = 0; i < 100; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);

        Assert.Equal(1, host.Queries.Count(KeyLookup));
    }
}
