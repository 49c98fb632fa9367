using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

public sealed class RateLimitTests
{
    [Fact]
    public async Task The_121st_request_in_a_window_is_429_with_headers_and_the_next_window_passes()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var key = await client.CreateKeyAsync(await client.AccessTokenAsync(user), ["contacts:read"]);
        host.Clock.AlignToWindowStart();

        for (var n = 1; n <= 120; n++)
        {
            var ok = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(120, ok.HeaderInt("X-RateLimit-Limit"));
            Assert.Equal(120 - n, ok.HeaderInt("X-RateLimit-Remaining"));
            Assert.InRange(ok.HeaderInt("X-RateLimit-Reset"), 1, 60);
            Assert.Equal("\"per-key\";q=120;w=60", ok.Headers.GetValues("RateLimit-Policy").Single());
            Assert.StartsWith($"\"per-key\";r={120 - n};t=", ok.Headers.GetValues("RateLimit").Single());
        }

        var refused = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
        await refused.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        var reset = refused.HeaderInt("X-RateLimit-Reset");
        Assert.Equal(0, refused.HeaderInt("X-RateLimit-Remaining"));
        Assert.Equal(reset, int.Parse(refused.Headers.RetryAfter!.ToString()));
        Assert.Equal($"Rate limit exceeded, retry in {reset} seconds", (string?)(await refused.JsonAsync())["message"]);

        host.Clock.Advance(TimeSpan.FromSeconds(reset));
        var next = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(119, next.HeaderInt("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Invalid_keys_are_limited_per_address_and_never_charged_to_a_real_key()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["RateLimits:InvalidKeyPerWindow"] = "5" }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var key = await client.CreateKeyAsync(await client.AccessTokenAsync(user), ["contacts:read"]);
        // The key is in use (so this instance holds it in memory): an address over its invalid-key limit is
        // refused before any lookup, and only keys already in memory still work from it (docs/security.md).
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        host.Clock.AlignToWindowStart();

        for (var i = 0; i < 5; i++)
            await (await client.GetWithKeyAsync("/v1/developer-access/whoami", "sk_live_bogus" + i)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var throttled = await client.GetWithKeyAsync("/v1/developer-access/whoami", "sk_live_bogus");
        await throttled.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.NotNull(throttled.Headers.RetryAfter);

        // The real key's budget is untouched, and a valid key from the same address still works.
        var ok = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(119, ok.HeaderInt("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Sessions_have_their_own_per_user_limit()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["RateLimits:SessionPerWindow"] = "3" }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        host.Clock.AlignToWindowStart();
        for (var i = 1; i <= 3; i++)
        {
            var ok = await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", jwt);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(3 - i, ok.HeaderInt("X-RateLimit-Remaining"));
            Assert.Equal("\"per-user\";q=3;w=60", ok.Headers.GetValues("RateLimit-Policy").Single());
        }
        await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", jwt)).AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
    }
}
