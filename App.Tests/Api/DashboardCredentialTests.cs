using System.Net;
using Boltly.Platform.Auth;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>
/// Outside /v1 only the dashboard cookie authenticates: an API key or a JWT is not a credential for a
/// page or a circuit, so neither can read what the dashboard shows (security events, keys, 2FA state).
/// </summary>
public sealed class DashboardCredentialTests(SharedPortal portal)
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    /// <summary>Every routable dashboard page that needs a signed-in person, from the app's own endpoints.</summary>
    private IReadOnlyList<string> ProtectedPages() =>
        portal.Host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.RoutePattern.RawText!)
            .Distinct()
            .ToList();

    [Fact]
    public async Task Every_dashboard_page_sends_an_api_key_or_a_jwt_without_a_cookie_to_sign_in()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var key = await _client.CreateKeyAsync(jwt, [.. ScopeCatalog.Names]);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(_client, await DashboardSignIn.OpenFormAsync(_client), user));
        var templates = ProtectedPages();
        Assert.Contains("/settings/activity", templates);
        Assert.Contains("/settings/api-keys", templates);
        // A page with a route parameter is requested with a real value of this account.
        var samples = new Dictionary<string, string> { ["/settings/api-keys/{Id}"] = $"/settings/api-keys/{key.Id}" };
        var unsampled = templates.Where(p => p.Contains('{') && !samples.ContainsKey(p)).ToList();
        Assert.True(unsampled.Count == 0, $"Pages with route parameters need a sample value here: {string.Join(", ", unsampled)}");
        var pages = templates.Select(p => samples.GetValueOrDefault(p, p)).ToList();

        foreach (var page in pages)
        {
            foreach (var (name, header, value) in new[]
            {
                ("X-API-Key", "X-API-Key", key.Secret),
                ("Bearer key", "Authorization", "Bearer " + key.Secret),
                ("Bearer JWT", "Authorization", "Bearer " + jwt),
            })
            {
                var request = new HttpRequestMessage(HttpMethod.Get, page);
                request.Headers.TryAddWithoutValidation(header, value);
                var response = await _client.SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} with {name}: {(int)response.StatusCode}");
                Assert.Equal("/account/login", new Uri(_client.BaseAddress!, response.Headers.Location!).AbsolutePath);
            }

            // The same page with the cookie renders: the refusal above is about the credential, not the page.
            var signedIn = new HttpRequestMessage(HttpMethod.Get, page);
            signedIn.Headers.Add("Cookie", cookie);
            var ok = await _client.SendAsync(signedIn);
            Assert.True(ok.StatusCode == HttpStatusCode.OK, $"{page} with the cookie: {(int)ok.StatusCode} {ok.Headers.Location}");
        }
    }

    [Fact]
    public async Task A_circuit_cannot_be_opened_with_an_api_key()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var key = await _client.CreateKeyAsync(jwt, [.. ScopeCatalog.Names]);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(_client, await DashboardSignIn.OpenFormAsync(_client), user));

        var withKey = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        withKey.Headers.Add("X-API-Key", key.Secret);
        var refused = await _client.SendAsync(withKey);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.True((int)refused.StatusCode < 500, $"{(int)refused.StatusCode}");

        var withCookie = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        withCookie.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendAsync(withCookie)).StatusCode);
    }

    [Fact]
    public async Task On_a_page_the_cookie_decides_and_a_header_credential_sent_along_is_ignored()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var other = await TestUser.CreateAsync(portal.Host);
        var otherKey = await _client.CreateKeyAsync(await _client.AccessTokenAsync(other), [.. ScopeCatalog.Names]);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(_client, await DashboardSignIn.OpenFormAsync(_client), user));

        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        request.Headers.Add("X-API-Key", otherKey.Secret);
        var page = await _client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(WebUtility.HtmlEncode(user.Email), html);
        Assert.DoesNotContain(WebUtility.HtmlEncode(other.Email), html);
    }
}
