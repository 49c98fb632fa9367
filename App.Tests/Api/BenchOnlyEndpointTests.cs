using System.Net;
using Boltly.Hosting;
using Boltly.Platform.Api;
using Boltly.Platform.Auth;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>The benchmark's twin baseline and switches exist only in the Bench environment (docs/performance.md).</summary>
public sealed class BenchOnlyEndpointTests(SharedPortal portal)
{
    private const string Twin = "/v1/bench/whoami-twin";

    [Fact]
    public async Task The_twin_baseline_is_not_mapped_outside_the_bench_environment()
    {
        var response = await portal.Host.CreateHttpClient().GetAsync(Twin);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var openApi = await portal.Host.CreateHttpClient().GetStringAsync("/openapi/v1.json");
        Assert.DoesNotContain("whoami-twin", openApi, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_the_bench_environment_it_answers_whoamis_shape_without_a_credential()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost { Environment = BenchOnlyControllers.EnvironmentName });
        var response = await host.CreateHttpClient().GetAsync(Twin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("api_key", (string)body["credential"]!);
        Assert.NotNull(body["rate_limit"]);
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task The_switch_that_leaves_the_session_check_out_stops_the_app_outside_the_bench_environment()
    {
        var host = new PortalHost(new Dictionary<string, string?> { [BenchSwitches.WithoutSessionTokenCheck] = "true" });
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => PortalHost.StartAsync(host));
        Assert.Contains(BenchSwitches.WithoutSessionTokenCheck, refused.ToString(), StringComparison.Ordinal);
        await host.DisposeAsync();
    }

    [Theory]
    [InlineData(BenchSwitches.WithoutRequestLog)]
    [InlineData(BenchSwitches.CountLocally)]
    [InlineData(BenchSwitches.WithoutRateLimit)]
    public async Task The_cost_switches_stop_the_app_outside_the_bench_environment(string name)
    {
        var host = new PortalHost(new Dictionary<string, string?> { [name] = "true" });
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => PortalHost.StartAsync(host));
        Assert.Contains(name, refused.ToString(), StringComparison.Ordinal);
        await host.DisposeAsync();
    }

    [Fact]
    public async Task In_the_bench_environment_without_a_rate_limit_a_key_gets_no_limit_headers_and_is_never_refused()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            [BenchSwitches.WithoutRateLimit] = "true",
            ["RateLimits:ApiKeyPerWindow"] = "1",
        }) { Environment = BenchOnlyControllers.EnvironmentName });
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var key = await client.CreateKeyAsync(await client.AccessTokenAsync(user), ["contacts:read"]);
        for (var i = 0; i < 3; i++)
        {
            var response = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
        }
    }

    [Fact]
    public async Task In_the_bench_environment_the_switch_leaves_out_the_session_check_and_nothing_else()
    {
        await using var plain = await PortalHost.StartAsync(new PortalHost { Environment = BenchOnlyControllers.EnvironmentName });
        Assert.Contains(plain.Services.GetServices<IAccessTokenCheck>(), c => c is SessionTokenCheck);

        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            [BenchSwitches.WithoutSessionTokenCheck] = "true",
        }) { Environment = BenchOnlyControllers.EnvironmentName });
        var checks = host.Services.GetServices<IAccessTokenCheck>().ToList();
        Assert.DoesNotContain(checks, c => c is SessionTokenCheck);
        Assert.Contains(checks, c => c is SecurityStampTokenCheck);
    }
}
