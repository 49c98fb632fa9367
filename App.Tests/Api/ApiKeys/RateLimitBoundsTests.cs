using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>
/// The bounds of ADR 0021 with two instances on one Redis, many keys at once (their counts share Redis calls):
/// never more than the limit admitted per key per window, never a refusal before the limit is reached, and
/// <c>X-RateLimit-Remaining</c> never lower than the truth (here exact: each admitted request sees its own place).
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class RateLimitBoundsTests
{
    private const int Limit = 120;
    private const string WhoAmI = "/v1/developer-access/whoami";

    [Fact]
    public async Task Keys_counted_together_on_two_instances_each_get_exactly_their_limit_with_every_remaining_once()
    {
        const int keys = 5;
        const int perKey = 150;
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        a.Clock.AlignToWindowStart(b.Clock);
        var user = await TestUser.CreateAsync(a);
        var jwt = await a.CreateHttpClient().AccessTokenAsync(user);
        var secrets = new List<string>();
        for (var k = 0; k < keys; k++) secrets.Add((await a.CreateHttpClient().CreateKeyAsync(jwt, ["contacts:read"], name: $"k{k}")).Secret);
        var clients = new[] { a.CreateHttpClient(), b.CreateHttpClient() };

        // Every key's requests interleaved with the others', alternating instances, all in flight together.
        var responses = await Task.WhenAll(Enumerable.Range(0, keys * perKey).Select(async i =>
        {
            var key = i % keys;
            var response = await clients[i / keys % 2].GetWithKeyAsync(WhoAmI, secrets[key]);
            return (Key: key, response.StatusCode, Remaining: response.HeaderInt("X-RateLimit-Remaining"));
        }));

        foreach (var perKeyResponses in responses.GroupBy(r => r.Key))
        {
            var admitted = perKeyResponses.Where(r => r.StatusCode == HttpStatusCode.OK).ToList();
            Assert.Equal(Limit, admitted.Count);
            Assert.Equal(perKey - Limit, perKeyResponses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
            // Each admitted request had its own place: Remaining took every value from limit - 1 down to 0 once.
            Assert.Equal(Enumerable.Range(0, Limit), admitted.Select(r => r.Remaining).Order());
        }
    }

    [Fact]
    public async Task Alternating_instances_one_request_at_a_time_remaining_is_exact_and_the_limit_is_reached_before_any_refusal()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        a.Clock.AlignToWindowStart(b.Clock);
        var user = await TestUser.CreateAsync(a);
        var key = await a.CreateHttpClient().CreateKeyAsync(await a.CreateHttpClient().AccessTokenAsync(user), ["contacts:read"]);
        var clients = new[] { a.CreateHttpClient(), b.CreateHttpClient() };

        for (var n = 1; n <= Limit; n++)
        {
            var response = await clients[n % 2].GetWithKeyAsync(WhoAmI, key.Secret);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Limit - n, response.HeaderInt("X-RateLimit-Remaining"));
        }
        foreach (var client in clients)
        {
            var refused = await client.GetWithKeyAsync(WhoAmI, key.Secret);
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(0, refused.HeaderInt("X-RateLimit-Remaining"));
        }
    }
}
