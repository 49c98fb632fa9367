using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>docs/authorization.md: two different credentials in one /v1 request are refused with 401, saying so.</summary>
public sealed class CredentialConflictTests(SharedPortal portal)
{
    private const string Whoami = "/v1/developer-access/whoami";
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    private sealed record Credentials(string Jwt, ApiKeyTestClient.Key Key, string Cookie);

    private async Task<Credentials> SignedInAsync()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var key = await _client.CreateKeyAsync(jwt, ["contacts:read"]);
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(_client, await DashboardSignIn.OpenFormAsync(_client), user));
        return new Credentials(jwt, key, cookie);
    }

    private async Task<HttpResponseMessage> WhoamiAsync(params (string Header, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, Whoami);
        foreach (var (header, value) in headers) request.Headers.TryAddWithoutValidation(header, value);
        return await _client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(HttpResponseMessage response, string mentions)
    {
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var message = (string)(await response.JsonAsync())["message"]!;
        Assert.StartsWith("Send one credential per request", message);
        Assert.Contains(mentions, message);
    }

    [Fact]
    public async Task Each_credential_alone_is_accepted()
    {
        var c = await SignedInAsync();
        Assert.Equal(HttpStatusCode.OK, (await WhoamiAsync(("X-API-Key", c.Key.Secret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WhoamiAsync(("Authorization", "Bearer " + c.Key.Secret))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await WhoamiAsync(("Authorization", "Bearer " + c.Jwt))).StatusCode);
        var cookie = await WhoamiAsync(("Cookie", c.Cookie));
        Assert.Equal(HttpStatusCode.OK, cookie.StatusCode);
        Assert.Equal("cookie", (string?)(await cookie.JsonAsync())["credential"]);
    }

    [Fact]
    public async Task An_api_key_with_the_dashboard_cookie_is_401()
    {
        var c = await SignedInAsync();
        await AssertRefusedAsync(await WhoamiAsync(("X-API-Key", c.Key.Secret), ("Cookie", c.Cookie)), "cookie and an API key");
        await AssertRefusedAsync(await WhoamiAsync(("Authorization", "Bearer " + c.Key.Secret), ("Cookie", c.Cookie)), "cookie and an API key");
    }

    [Fact]
    public async Task A_jwt_with_the_dashboard_cookie_is_401()
    {
        var c = await SignedInAsync();
        await AssertRefusedAsync(await WhoamiAsync(("Authorization", "Bearer " + c.Jwt), ("Cookie", c.Cookie)), "cookie and a bearer access token");
    }

    [Fact]
    public async Task X_API_Key_with_a_different_bearer_key_is_401()
    {
        var c = await SignedInAsync();
        var second = await _client.CreateKeyAsync(c.Jwt, ["contacts:read"], name: "second");
        await AssertRefusedAsync(await WhoamiAsync(("X-API-Key", c.Key.Secret), ("Authorization", "Bearer " + second.Secret)), "X-API-Key and Authorization");
        // A made-up key in the second header is refused the same way, before either is looked up.
        await AssertRefusedAsync(await WhoamiAsync(("X-API-Key", c.Key.Secret), ("Authorization", "Bearer " + ApiKeyFormat.Generate().Secret)), "X-API-Key and Authorization");
    }

    [Fact]
    public async Task X_API_Key_with_a_jwt_bearer_is_401()
    {
        var c = await SignedInAsync();
        await AssertRefusedAsync(await WhoamiAsync(("X-API-Key", c.Key.Secret), ("Authorization", "Bearer " + c.Jwt)), "X-API-Key and Authorization");
    }

    [Fact]
    public async Task The_same_key_as_X_API_Key_and_as_Bearer_is_one_credential()
    {
        var c = await SignedInAsync();
        var response = await WhoamiAsync(("X-API-Key", c.Key.Secret), ("Authorization", "Bearer " + c.Key.Secret));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(c.Key.Prefix, (string?)(await response.JsonAsync())["api_key"]!["prefix"]);
    }

    [Fact]
    public async Task Sign_in_endpoints_answer_whatever_else_the_request_carries()
    {
        // Anonymous endpoints do not look at credentials: a refresh from a browser tab that holds the cookie still works.
        var c = await SignedInAsync();
        var login = await _client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/v1/auth/refresh")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { refresh_token = "rt_unknown" }),
            Headers = { { "Cookie", c.Cookie }, { "X-API-Key", c.Key.Secret } },
        });
        await login.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.DoesNotContain("one credential", (string?)(await login.JsonAsync())["message"]);
    }
}
