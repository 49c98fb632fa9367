using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api;

/// <summary>In production /v1 is HTTPS only: refused, not redirected; a known proxy's X-Forwarded-Proto is believed.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task Plain_http_is_refused_and_https_behind_a_known_proxy_passes()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["Api:RequireHttps"] = "true",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        }));
        var client = host.CreateHttpClient();

        var plain = await client.GetAsync("/v1/developer-access/whoami");
        await plain.AssertErrorAsync(HttpStatusCode.Forbidden, "HTTPS_REQUIRED");
        Assert.Null(plain.Headers.Location);

        var viaProxy = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
        viaProxy.Headers.Add("X-Forwarded-Proto", "https");
        viaProxy.Headers.Add("X-Forwarded-For", "203.0.113.7");
        await (await client.SendAsync(viaProxy)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // The dashboard is not refused (HSTS and the proxy handle it).
        Assert.NotEqual(HttpStatusCode.Forbidden, (await client.GetAsync("/account/login")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_unknown_proxy_are_ignored()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["Api:RequireHttps"] = "true" }));
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
        request.Headers.Add("X-Forwarded-Proto", "https");
        await (await host.CreateHttpClient().SendAsync(request)).AssertErrorAsync(HttpStatusCode.Forbidden, "HTTPS_REQUIRED");
    }
}
