using System.Net;
using System.Net.Sockets;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Boltly.Features.Passkeys;
using Boltly.Platform.Errors;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api;

/// <summary>
/// The passkey endpoints check antiforgery before they read a body, and answer a body that is not JSON, or has a field
/// they do not know, with the contract's <c>400 VALIDATION_FAILED</c>: never problem details, never the serializer's
/// message or a stack trace (docs/passkeys.md).
/// </summary>
public sealed partial class PasskeyEndpointBodyTests(SharedPortal portal)
{
    public static TheoryData<string> Endpoints => new()
    {
        PasskeyEndpoints.CreationOptionsPath, PasskeyEndpoints.SignInOptionsPath,
        PasskeyEndpoints.ReauthenticationOptionsPath, PasskeyEndpoints.ReauthenticatePath,
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_malformed_body_is_the_contracts_400(string path)
    {
        var client = portal.Host.CreateHttpClient();
        var user = await TestUser.CreateAsync(portal.Host);
        var (cookies, token) = await SignedInPageAsync(client, user);
        foreach (var body in new[] { "{\"credential\": ", "[1,2", "{\"credential\": \"x\", \"allowed_ips\": []}", "\u0000not json" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("Cookie", cookies);
            request.Headers.Add("RequestVerificationToken", token);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
            Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
            var error = await response.Content.ReadFromJsonAsync<ApiError>();
            Assert.Equal(ErrorCodes.ValidationFailed, error!.Error);
            Assert.NotNull(error.Details);
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Without_antiforgery_the_request_is_refused_before_its_body_is_read(string path)
    {
        var client = portal.Host.CreateHttpClient();
        var user = await TestUser.CreateAsync(portal.Host);
        var (cookies, token) = await SignedInPageAsync(client, user);

        // The body announces 8,000 bytes (under the endpoints' limit) and sends a dozen: an endpoint that read it would
        // wait for the rest.
        var refused = await PartialBodyAsync(path, cookies, token: null, TimeSpan.FromSeconds(20));
        Assert.NotNull(refused);
        Assert.StartsWith("HTTP/1.1 400", refused, StringComparison.Ordinal);
        Assert.Contains(ErrorCodes.ValidationFailed, refused, StringComparison.Ordinal);

        // With the token the same request is read: no answer while the body is still coming.
        Assert.Null(await PartialBodyAsync(path, cookies, token, TimeSpan.FromSeconds(2)));
    }

    /// <summary>Sends the headers and the start of a body over a raw connection; the response's text, or null when none
    /// came within <paramref name="wait"/>.</summary>
    private async Task<string?> PartialBodyAsync(string path, string cookies, string? token, TimeSpan wait)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, portal.Host.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append($"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{portal.Host.BaseAddress.Port}\r\n")
            .Append("Content-Type: application/json\r\nContent-Length: 8000\r\n")
            .Append($"Cookie: {cookies}\r\n");
        if (token is not null) head.Append($"RequestVerificationToken: {token}\r\n");
        head.Append("\r\n{\"credential\":");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Signs in with the password and opens Settings → Security: the cookies and the page's antiforgery token.</summary>
    private static async Task<(string Cookies, string Token)> SignedInPageAsync(HttpClient client, TestUser user)
    {
        var session = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(client, await DashboardSignIn.OpenFormAsync(client), user));
        var request = new HttpRequestMessage(HttpMethod.Get, "/settings/security");
        request.Headers.Add("Cookie", session);
        var page = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync());
        var set = page.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];
        return (string.Join("; ", new[] { session }.Concat(set)), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
