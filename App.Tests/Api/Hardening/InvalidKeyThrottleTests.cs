using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Hardening;

/// <summary>Every refused key answers alike and counts against its address; an address over the limit is refused
/// before any lookup; refresh, sign-out and readiness are limited per address (docs/security.md).</summary>
public sealed class InvalidKeyThrottleTests
{
    private const int Limit = 3;

    [Fact]
    public async Task Unknown_revoked_and_expired_keys_answer_the_same_bytes_and_all_count_against_the_address()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["RateLimits:InvalidKeyPerWindow"] = "3" }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var revoked = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(5);
        var expiring = await client.CreateKeyAsync(jwt, ["contacts:read"], expiresAt);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{revoked.Id}", jwt)).StatusCode);
        host.Clock.Advance(expiresAt - host.Clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        host.Clock.AlignToWindowStart();

        var bodies = new List<string>();
        foreach (var key in new[] { ApiKeyFormat.Generate().Secret, revoked.Secret, expiring.Secret })
        {
            var r = await client.GetWithKeyAsync("/v1/developer-access/whoami", key);
            Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
            bodies.Add(await r.Content.ReadAsStringAsync());
        }
        Assert.Single(bodies.Distinct());
        Assert.Equal("{\"error\":\"UNAUTHORIZED\",\"message\":\"The API key is invalid, expired or revoked.\"}", bodies[0]);

        // Three refusals of three kinds used up the address's budget.
        var fourth = await client.GetWithKeyAsync("/v1/developer-access/whoami", expiring.Secret);
        await fourth.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
    }

    [Fact]
    public async Task An_address_over_its_invalid_key_limit_is_refused_without_a_single_database_statement()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:InvalidKeyPerWindow"] = "3",
            // The batched writers (usage, request log, last used, sessions' last seen) are not the requests' own
            // statements: no timer of theirs fires during the run (docs/usage.md).
            ["Usage:CounterPushSeconds"] = "60",
            ["Usage:RollupFlushSeconds"] = "55",
            ["Usage:RequestLogFlushSeconds"] = "60",
            ["ApiKeys:UsageFlushSeconds"] = "3600",
            ["Sessions:ActivityFlushSeconds"] = "3600",
        }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var real = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var inUse = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", inUse.Secret)).StatusCode);
        host.Clock.AlignToWindowStart();
        for (var i = 0; i <= Limit; i++) await client.GetWithKeyAsync("/v1/developer-access/whoami", ApiKeyFormat.Generate().Secret);

        host.Queries.Clear();
        var refused = new List<HttpResponseMessage>();
        for (var i = 0; i < 20; i++) refused.Add(await client.GetWithKeyAsync("/v1/developer-access/whoami", ApiKeyFormat.Generate().Secret));
        // A real key this instance has not seen waits too: nothing is looked up for that address.
        refused.Add(await client.GetWithKeyAsync("/v1/developer-access/whoami", real.Secret));
        // A key in use (held in memory) keeps working, still without a statement.
        var inUseResponse = await client.GetWithKeyAsync("/v1/developer-access/whoami", inUse.Secret);

        foreach (var r in refused) await r.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.Equal(HttpStatusCode.OK, inUseResponse.StatusCode);
        Assert.True(host.Queries.RequestCommands.Count == 0, "statements: " + string.Join("\n", host.Queries.Commands));
        TestContext.Current.TestOutputHelper?.WriteLine($"statements behind {refused.Count} over-limit invalid keys: {host.Queries.Total}");

        host.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", real.Secret)).StatusCode);
    }

    [Fact]
    public async Task Refresh_sign_out_and_readiness_are_limited_per_address()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:TokenPerWindow"] = "3",
            ["RateLimits:HealthPerWindow"] = "3",
        }));
        var client = host.CreateHttpClient();
        host.Clock.AlignToWindowStart();
        for (var i = 0; i < 2; i++)
            await (await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = "rt_not-a-real-token" })).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/v1/auth/logout", new { refresh_token = "rt_not-a-real-token" })).StatusCode);
        var refresh = await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = "rt_not-a-real-token" });
        await refresh.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.NotNull(refresh.Headers.RetryAfter);
        await (await client.PostAsJsonAsync("/v1/auth/logout", new { refresh_token = "rt_x" })).AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        var health = await client.GetAsync("/health/ready");
        await health.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }
}
