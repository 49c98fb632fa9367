using System.Net;
using Boltly.Platform.Api;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api;

/// <summary>The benchmark's twin baseline exists only in the Bench environment (docs/performance.md).</summary>
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
}
