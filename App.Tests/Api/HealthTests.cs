using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api;

public sealed class HealthTests(SharedPortal portal)
{
    [Fact]
    public async Task Live_and_ready_answer_without_credentials()
    {
        var client = portal.Host.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var json = await ready.JsonAsync();
        Assert.Equal("healthy", (string?)json["status"]);
        Assert.Equal("healthy", (string?)json["checks"]!["postgres"]!["status"]);
        Assert.Equal("healthy", (string?)json["checks"]!["redis"]!["status"]);
    }

    [Fact]
    public async Task Ready_is_503_when_postgresql_is_unreachable()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            // A port nothing listens on: PostgreSQL "down" for this host only.
            ["ConnectionStrings:Postgres"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=boltly_test;Timeout=2",
        }));
        var response = await host.CreateHttpClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal("unhealthy", (string?)json["status"]);
        Assert.Equal("unhealthy", (string?)json["checks"]!["postgres"]!["status"]);
    }

    [Fact]
    public async Task Info_answers_without_credentials_with_the_configured_limits_and_ignores_a_bad_key()
    {
        var client = portal.Host.CreateHttpClient();
        var response = await client.GetWithKeyAsync("/health/info", "sk_live_not-a-key");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        var json = await response.JsonAsync();
        Assert.Equal("boltly-portal", (string?)json["service"]);
        Assert.Equal("/v1", (string?)json["api"]);
        Assert.Equal(60, (int?)json["rate_limits"]!["window_seconds"]);
        Assert.Equal(60, (int?)json["key_cache_seconds"]);
    }
}
