using System.Net;
using System.Net.Sockets;
using Boltly.Platform.Auth;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Metrics;

/// <summary>
/// <c>/metrics</c> (docs/metrics.md): never on the app's port; with <c>Metrics:Enabled</c>, Prometheus text on a loopback
/// port of its own, carrying the request, rate-limit, cache and eviction-propagation instruments after real traffic.
/// </summary>
public sealed class MetricsEndpointTests(SharedPortal portal)
{
    // The Prometheus names of the instruments: dots become underscores, units and _total are suffixed.
    private static readonly string[] Expected =
    [
        "http_server_request_duration_seconds",
        "boltly_api_key_requests",
        "boltly_rate_limit_refusals",
        "boltly_cache_lookups",
        "boltly_cache_invalidation_propagation_seconds",
    ];

    [Fact]
    public async Task By_default_the_apps_port_has_no_metrics() => await AssertNoMetricsOnAppPortAsync(portal.Host);

    /// <summary>Signed in, <c>/metrics</c> is an unknown page (404); signed out, like every unknown page, it sends the
    /// visitor to sign in. Neither answer holds a metric.</summary>
    private static async Task AssertNoMetricsOnAppPortAsync(PortalHost host)
    {
        var ct = TestContext.Current.CancellationToken;
        using var client = host.CreateHttpClient();
        var anonymous = await client.GetAsync("/metrics", ct);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location?.ToString());

        var user = await TestUser.CreateAsync(host);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(client, await DashboardSignIn.OpenFormAsync(client), user));
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Add("Cookie", cookie);
        var signedIn = await client.SendAsync(request, ct);
        Assert.Equal(HttpStatusCode.NotFound, signedIn.StatusCode);
        var body = await signedIn.Content.ReadAsStringAsync(ct);
        Assert.DoesNotContain("boltly_", body);
        Assert.DoesNotContain("http_server_request_duration", body);
    }

    [Fact]
    public async Task Enabled_metrics_serve_prometheus_text_on_their_own_loopback_port_after_traffic()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort();
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["Metrics:Enabled"] = "true",
            ["Metrics:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["RateLimits:ApiKeyPerWindow"] = "3",
        }));
        using var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var token = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(token, [ScopeCatalog.ContactsRead]);

        // Allowed requests (cache lookups: the first a miss, then hits), then refusals by the key's rate limit.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++) statuses.Add((await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        // A revocation: its eviction comes back on this instance's own subscription, timed.
        var revoked = await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", token);
        Assert.True(revoked.IsSuccessStatusCode, $"revoke: {(int)revoked.StatusCode}");

        using var scraper = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        string text = "";
        // The eviction arrives asynchronously and the exporter caches a scrape briefly: poll, bounded.
        for (var attempt = 0; attempt < 50 && !Expected.All(text.Contains); attempt++)
        {
            if (attempt > 0) await Task.Delay(200, ct);
            var scrape = await scraper.GetAsync("/metrics", ct);
            Assert.Equal(HttpStatusCode.OK, scrape.StatusCode);
            Assert.StartsWith("text/plain", scrape.Content.Headers.ContentType?.MediaType);
            text = await scrape.Content.ReadAsStringAsync(ct);
        }

        Assert.All(Expected, name => Assert.Contains(name, text));
        Assert.Contains("cache=\"api_key\"", text);
        Assert.Contains("result=\"miss\"", text);
        Assert.Contains("result=\"hit\"", text);
        Assert.Contains("policy=\"per-key\"", text);
        Assert.Contains("kind=\"apikey\"", text);
        Assert.Contains("outcome=\"success\"", text);
        Assert.Contains("outcome=\"rate_limited\"", text);
        // Nothing that names a key, a user or a secret.
        Assert.DoesNotContain(key.Secret, text);
        Assert.DoesNotContain(key.Prefix, text);
        Assert.DoesNotContain(user.Email, text);

        // Still nothing on the app's own port.
        await AssertNoMetricsOnAppPortAsync(host);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
