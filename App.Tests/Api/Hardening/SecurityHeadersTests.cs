using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Api.PublicApi;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Hardening;

/// <summary>nosniff and Referrer-Policy everywhere, a CSP on pages, no-store on what holds a secret; and a
/// cookie-authenticated state change from another site refused.</summary>
public sealed class SecurityHeadersTests(SharedPortal portal)
{
    [Fact]
    public async Task A_dashboard_page_carries_the_CSP_with_a_nonce_for_its_one_inline_script()
    {
        var page = await portal.Host.CreateHttpClient().GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        AssertEverywhereHeaders(page);
        var csp = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("default-src 'self'", csp);
        Assert.DoesNotContain("'unsafe-eval'", csp);
        var nonce = System.Text.RegularExpressions.Regex.Match(csp, "script-src 'self' 'nonce-([^']+)'").Groups[1].Value;
        Assert.NotEmpty(nonce);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"<script type=\"importmap\" nonce=\"{nonce}\"", WebUtility.HtmlDecode(html));
        // A new nonce every time.
        var again = string.Join(";", (await portal.Host.CreateHttpClient().GetAsync("/account/login")).Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain(nonce, again);

        var reference = await portal.Host.CreateHttpClient().GetAsync("/docs/");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        AssertEverywhereHeaders(reference);
        var referenceCsp = string.Join(";", reference.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", referenceCsp);
        Assert.Matches("script-src 'self' 'sha256-[^']+'", referenceCsp);
    }

    [Fact]
    public async Task An_API_error_and_every_response_holding_a_secret_are_no_store()
    {
        var client = portal.Host.CreateHttpClient();
        var error = await client.GetAsync("/v1/contacts");
        await error.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        AssertEverywhereHeaders(error);
        Assert.True(error.Headers.CacheControl?.NoStore);
        Assert.False(error.Headers.Contains("Content-Security-Policy"));

        var user = await TestUser.CreateAsync(portal.Host);
        var login = await client.PostAsJsonAsync("/v1/auth/login", new { email = user.Email, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        AssertEverywhereHeaders(login);
        Assert.True(login.Headers.CacheControl?.NoStore);
        var tokens = await login.JsonAsync();
        var refresh = await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = (string)tokens["refresh_token"]! });
        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.True(refresh.Headers.CacheControl?.NoStore);
        var jwt = (string)(await refresh.JsonAsync())["access_token"]!;

        var key = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", jwt, new { name = "k", scopes = new[] { "contacts:read" } });
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        Assert.True(key.Headers.CacheControl?.NoStore);
        var hook = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/webhooks", jwt, new { url = "https://hooks.example.com/x" });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        Assert.True(hook.Headers.CacheControl?.NoStore);
        var setup = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/two-factor/setup", jwt);
        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.True(setup.Headers.CacheControl?.NoStore);
        Assert.True((await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", jwt)).Headers.CacheControl?.NoStore);
    }

    [Fact]
    public async Task A_cookie_authenticated_POST_from_a_foreign_origin_is_403_and_from_the_portal_passes()
    {
        var client = portal.Host.CreateHttpClient();
        var user = await TestUser.CreateAsync(portal.Host);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(client, await DashboardSignIn.OpenFormAsync(client), user));
        var own = portal.Host.BaseAddress.GetLeftPart(UriPartial.Authority);

        HttpRequestMessage Post(string? origin, string? fetchSite)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/contacts")
            {
                Content = JsonContent.Create(new { phone = PublicApiClient.Phone(), name = "From a page" }),
            };
            request.Headers.Add("Cookie", cookie);
            if (origin is not null) request.Headers.Add("Origin", origin);
            if (fetchSite is not null) request.Headers.Add("Sec-Fetch-Site", fetchSite);
            return request;
        }

        foreach (var (origin, site) in new (string?, string?)[] { ("https://evil.example", null), ("null", null), (own.Replace("http:", "https:"), null),
                     (null, "cross-site"), ("https://evil.example", "cross-site"), ("https://sub.evil.example", "same-site") })
        {
            var refused = await client.SendAsync(Post(origin, site));
            await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "CROSS_SITE_REQUEST_REFUSED");
        }
        var bodiless = new HttpRequestMessage(HttpMethod.Post, "/v1/auth/two-factor/setup");
        bodiless.Headers.Add("Cookie", cookie);
        bodiless.Headers.Add("Origin", "https://evil.example");
        await (await client.SendAsync(bodiless)).AssertErrorAsync(HttpStatusCode.Forbidden, "CROSS_SITE_REQUEST_REFUSED");

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(own, "same-origin"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(Post(null, null))).StatusCode);
        // A GET is not a state change; a JWT is not sent by the browser on its own.
        var read = new HttpRequestMessage(HttpMethod.Get, "/v1/contacts");
        read.Headers.Add("Cookie", cookie);
        read.Headers.Add("Origin", "https://evil.example");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(read)).StatusCode);
        var jwt = await PublicApiClient.IssueJwtAsync(portal.Host, user);
        var withJwt = new HttpRequestMessage(HttpMethod.Post, "/v1/contacts") { Content = JsonContent.Create(new { phone = PublicApiClient.Phone() }) }.WithBearer(jwt);
        withJwt.Headers.Add("Origin", "https://evil.example");
        withJwt.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(withJwt)).StatusCode);
    }

    [Fact]
    public async Task Portal_PublicUrl_is_the_portals_origin_too()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["Portal:PublicUrl"] = "https://portal.example.com/" }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(client, await DashboardSignIn.OpenFormAsync(client), user));
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/contacts") { Content = JsonContent.Create(new { phone = PublicApiClient.Phone() }) };
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("Origin", "https://portal.example.com");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(request)).StatusCode);
    }

    private static void AssertEverywhereHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }
}
