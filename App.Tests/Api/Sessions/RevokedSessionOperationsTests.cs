using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Sessions;

/// <summary>
/// A session's end is final (docs/sessions.md): once another device revokes it, every operation of its cookie and of
/// its access token is refused as unauthenticated, in every feature, and changes nothing. One table over the API's
/// operations, each tried with both credentials.
/// </summary>
public sealed class RevokedSessionOperationsTests(SharedPortal portal)
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    public static TheoryData<string, string, string> Operations => new()
    {
        { "GET", "/v1/auth/sessions", "" },
        { "POST", "/v1/auth/sessions/revoke-others", "" },
        { "POST", "/v1/auth/reauthenticate", """{"password":"Correct-Horse-Battery-9"}""" },
        { "GET", "/v1/auth/two-factor", "" },
        { "POST", "/v1/auth/change-password", """{"current_password":"Correct-Horse-Battery-9","new_password":"harbor-quill-meadow-71"}""" },
        { "GET", "/v1/api-keys", "" },
        { "GET", "/v1/developer-access/webhooks", "" },
        { "POST", $"/v1/developer-access/webhooks/{Guid.NewGuid()}/test", "" },
        { "GET", "/v1/contacts", "" },
        { "GET", "/v1/developer-access/whoami", "" },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_operation_of_a_revoked_cookie_and_access_token_is_refused(string method, string path, string body)
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var cookie = await SessionTestClient.CookieAsync(_client, user);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;
        var other = (string)(await _client.LoginAsync(user))["access_token"]!;
        // Another device signs every other session out.
        Assert.Equal(HttpStatusCode.NoContent, (await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/sessions/revoke-others", other)).StatusCode);

        var byCookie = new HttpRequestMessage(new HttpMethod(method), path);
        byCookie.Headers.Add("Cookie", cookie);
        var byToken = new HttpRequestMessage(new HttpMethod(method), path).WithBearer(access);
        foreach (var request in new[] { byCookie, byToken })
        {
            if (body.Length > 0) request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            await (await _client.SendAsync(request)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }

        // Nothing changed: the device that revoked them is still signed in, with the same password.
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", other)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _client.PostAsync("/v1/auth/login", System.Net.Http.Json.JsonContent.Create(
            new { email = user.Email, password = user.Password }))).StatusCode);
    }
}
