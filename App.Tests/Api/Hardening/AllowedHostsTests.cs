using System.Net;
using System.Net.Http.Json;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Hardening;

/// <summary>
/// The portal answers only for the host of <c>Portal:PublicUrl</c> and <c>Portal:ExtraHosts</c> (and, in Development,
/// <c>localhost</c> and <c>127.0.0.1</c>): a request naming another <c>Host</c> is refused with 400 everywhere, in the
/// contract's JSON on <c>/v1</c>, before anything (a redirect's <c>Location</c>, a passkey's relying party) uses it
/// (docs/security-http.md).
/// </summary>
public sealed class AllowedHostsTests(SharedPortal portal)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/account/login")]
    [InlineData("/health/live")]
    public async Task A_foreign_host_is_refused_on_the_dashboard(string path)
    {
        var response = await SendAsync(portal.Host, HttpMethod.Get, path, "evil.example");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
        Assert.Equal(AllowedHostsMiddleware.Message, await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("GET", "/v1/developer-access/whoami")]
    [InlineData("POST", "/v1/auth/login")]
    public async Task A_foreign_host_is_refused_on_the_api_in_the_contracts_json(string method, string path)
    {
        var response = await SendAsync(portal.Host, new HttpMethod(method), path, "evil.example:443");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = await response.Content.ReadFromJsonAsync<ApiError>();
        Assert.Equal(ErrorCodes.ValidationFailed, error!.Error);
        Assert.Equal(AllowedHostsMiddleware.Message, error.Message);
    }

    [Fact]
    public async Task A_redirect_names_only_an_allowed_host()
    {
        // The sign-in redirect of an anonymous page visit, under an allowed name, is relative or names that name.
        var response = await SendAsync(portal.Host, HttpMethod.Get, "/settings/sessions", "127.0.0.1");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.True(!location.IsAbsoluteUri || location.Host == "127.0.0.1", location.ToString());
    }

    [Fact]
    public async Task Localhost_is_answered_in_development_only_and_configured_hosts_always()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(portal.Host, HttpMethod.Get, "/health/live", "localhost")).StatusCode);

        await using var development = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["Portal:PublicUrl"] = "https://portal.example.com",
            ["Portal:ExtraHosts:1"] = "*.internal.example.com",
        }) { Environment = "Development" });
        foreach (var host in new[] { "localhost", "127.0.0.1", "portal.example.com", "PORTAL.EXAMPLE.COM:8443", "probe.internal.example.com" })
            Assert.Equal(HttpStatusCode.OK, (await SendAsync(development, HttpMethod.Get, "/health/live", host)).StatusCode);
        foreach (var host in new[] { "portal.example.com.evil.example", "internal.example.com", "[::2]" })
            Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(development, HttpMethod.Get, "/health/live", host)).StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(PortalHost host, HttpMethod method, string path, string hostHeader)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Host = hostHeader;
        if (method == HttpMethod.Post) request.Content = JsonContent.Create(new { email = "a@example.com", password = "x" });
        return host.CreateHttpClient().SendAsync(request);
    }
}
