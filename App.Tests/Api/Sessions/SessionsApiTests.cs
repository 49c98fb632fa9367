using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Sessions;

/// <summary>Sessions as rows (docs/sessions.md): every way a session ends refuses its cookie and its access tokens at once.</summary>
public sealed class SessionsApiTests(SharedPortal portal)
{
    private const string WhoAmI = "/v1/developer-access/whoami";
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Fact]
    public async Task A_copied_cookie_stops_working_at_sign_out()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var cookie = await SessionTestClient.CookieAsync(_client, user);
        Assert.True(await SessionTestClient.OpensDashboardAsync(_client, cookie));
        Assert.Equal(HttpStatusCode.OK, await SessionTestClient.ApiStatusAsync(_client, cookie));

        await SessionTestClient.SignOutAsync(_client, cookie);

        // The same cookie value, as an attacker who copied it would send it.
        Assert.False(await SessionTestClient.OpensDashboardAsync(_client, cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, await SessionTestClient.ApiStatusAsync(_client, cookie));
    }

    [Fact]
    public async Task After_logout_the_access_token_is_refused_at_once()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var pair = await _client.LoginAsync(user);
        var access = (string)pair["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, access)).StatusCode);

        var logout = await _client.PostAsJsonAsync("/v1/auth/logout", new { refresh_token = (string)pair["refresh_token"]! });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        await (await _client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, access)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task The_list_marks_the_current_session_and_a_revoke_ends_the_other_one()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var cookie = await SessionTestClient.CookieAsync(_client, user,
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        var mine = (string)(await _client.LoginAsync(user))["access_token"]!;

        var list = await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/sessions", mine)).JsonAsync();
        var sessions = list["data"]!.AsArray();
        Assert.Equal(2, sessions.Count);
        var current = Assert.Single(sessions, s => (bool)s!["current"]!);
        Assert.Equal("app", (string)current!["kind"]!);
        var browser = Assert.Single(sessions, s => !(bool)s!["current"]!);
        Assert.Equal("browser", (string)browser!["kind"]!);
        Assert.Equal("Chrome on Linux", (string)browser["device_name"]!);
        Assert.False((bool)list["has_more"]!);

        var revoke = await _client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/auth/sessions/{(string)browser["id"]!}", mine);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.False(await SessionTestClient.OpensDashboardAsync(_client, cookie));
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, mine)).StatusCode);

        // Ended: gone from the list, and a second revoke (or a stranger's id) is not found.
        var after = (await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/sessions", mine)).JsonAsync())["data"]!.AsArray();
        Assert.Single(after);
        await (await _client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/auth/sessions/{(string)browser["id"]!}", mine))
            .AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Another_users_session_cannot_be_revoked()
    {
        var owner = await TestUser.CreateAsync(portal.Host);
        var stranger = await TestUser.CreateAsync(portal.Host);
        var ownerToken = (string)(await _client.LoginAsync(owner))["access_token"]!;
        var strangerToken = (string)(await _client.LoginAsync(stranger))["access_token"]!;
        var ownerSession = (string)(await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/auth/sessions", ownerToken)).JsonAsync())["data"]![0]!["id"]!;

        await (await _client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/auth/sessions/{ownerSession}", strangerToken))
            .AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, ownerToken)).StatusCode);
    }

    [Fact]
    public async Task Revoke_others_keeps_only_the_calling_session()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var cookie = await SessionTestClient.CookieAsync(_client, user);
        var other = (string)(await _client.LoginAsync(user))["access_token"]!;
        var mine = (string)(await _client.LoginAsync(user))["access_token"]!;

        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/sessions/revoke-others", mine)).StatusCode);

        Assert.False(await SessionTestClient.OpensDashboardAsync(_client, cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, other)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, mine)).StatusCode);
    }

    [Fact]
    public async Task Refresh_token_reuse_ends_that_familys_session_and_its_access_token()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var first = await _client.LoginAsync(user);
        var rotated = await (await _client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = (string)first["refresh_token"]! })).JsonAsync();
        var access = (string)rotated["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, access)).StatusCode);

        var reuse = await _client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = (string)first["refresh_token"]! });
        Assert.Equal(HttpStatusCode.Unauthorized, reuse.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, access)).StatusCode);
    }

    [Fact]
    public async Task A_password_change_ends_every_other_session_and_keeps_the_calling_cookie()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var other = await SessionTestClient.CookieAsync(_client, user);
        var app = (string)(await _client.LoginAsync(user))["access_token"]!;
        var caller = (string)(await _client.LoginAsync(user))["access_token"]!;

        var change = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/change-password", caller,
            new { current_password = user.Password, new_password = "A-new-and-long-passphrase-42" });
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        // The other cookie is refused now, not at its next security-stamp revalidation.
        Assert.False(await SessionTestClient.OpensDashboardAsync(_client, other));
        Assert.Equal(HttpStatusCode.Unauthorized, (await _client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, app)).StatusCode);
    }
}
