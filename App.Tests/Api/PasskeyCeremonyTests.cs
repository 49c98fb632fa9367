using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Boltly.Features.Passkeys;
using Boltly.Platform.Api;
using Boltly.Platform.Errors;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Boltly.Tests.Api;

/// <summary>
/// Passkey ceremonies are single-use (docs/passkeys.md, ADR 0026): an assertion made by a software authenticator whose
/// counter stays 0 (as synced passkeys report) signs in or re-authenticates once; the same answer with the same
/// ceremony cookie, again, from a fresh cookie jar or through another instance, is refused.
/// </summary>
public sealed partial class PasskeyCeremonyTests(SharedPortal portal)
{
    [Fact]
    public async Task A_replayed_sign_in_assertion_is_refused()
    {
        var host = portal.Host;
        var user = await TestUser.CreateAsync(host);
        using var passkey = await SoftwarePasskey.RegisterAsync(host, user.UserId);
        var client = host.CreateHttpClient();

        var (ceremony, answer) = await SignInAnswerAsync(host, client, passkey, user);
        Assert.NotNull(SessionCookie(await CompleteSignInAsync(client, ceremony, answer)));

        // The same answer and ceremony cookie from a fresh cookie jar, twice: nobody is signed in.
        for (var i = 0; i < 2; i++)
        {
            var replay = await CompleteSignInAsync(client, ceremony, answer);
            Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
            Assert.Null(SessionCookie(replay));
        }
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.UserSessions.CountAsync(s => s.UserId == user.UserId));
    }

    [Fact]
    public async Task A_replayed_reauthentication_assertion_is_refused_and_opens_no_window()
    {
        var host = portal.Host;
        var user = await TestUser.CreateAsync(host);
        using var passkey = await SoftwarePasskey.RegisterAsync(host, user.UserId);
        var client = host.CreateHttpClient();
        var (cookies, token) = await SignedInPageAsync(client, user);
        await TestSessions.CloseReauthenticationWindowAsync(host, user.UserId);

        var options = await PostAsync(client, PasskeyEndpoints.ReauthenticationOptionsPath, cookies, token);
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        var ceremony = CeremonyCookie(options, PasskeyCeremonyKind.Reauthentication);
        var answer = passkey.Answer(await options.Content.ReadAsStringAsync(), PublicOrigin(host), user.UserId);
        var withCeremony = $"{cookies}; {ceremony}";

        var first = await PostAsync(client, PasskeyEndpoints.ReauthenticatePath, withCeremony, token, new { credential = answer });
        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.True(await WindowOpenAsync(host, user));

        await TestSessions.CloseReauthenticationWindowAsync(host, user.UserId);
        var replay = await PostAsync(client, PasskeyEndpoints.ReauthenticatePath, withCeremony, token, new { credential = answer });
        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Equal(ErrorCodes.ValidationFailed, (await replay.Content.ReadFromJsonAsync<ApiError>())!.Error);
        Assert.False(await WindowOpenAsync(host, user));
    }

    [Fact]
    public async Task A_sign_in_challenge_does_not_serve_a_reauthentication()
    {
        var host = portal.Host;
        var user = await TestUser.CreateAsync(host);
        using var passkey = await SoftwarePasskey.RegisterAsync(host, user.UserId);
        var client = host.CreateHttpClient();
        var (cookies, token) = await SignedInPageAsync(client, user);
        await TestSessions.CloseReauthenticationWindowAsync(host, user.UserId);

        var options = await PostAsync(client, PasskeyEndpoints.SignInOptionsPath, cookies, token);
        var answer = passkey.Answer(await options.Content.ReadAsStringAsync(), PublicOrigin(host), user.UserId);
        var ceremony = CeremonyCookie(options, PasskeyCeremonyKind.SignIn);
        // Under the re-authentication cookie's name too: the kind is part of the server's key, not only of the cookie.
        var renamed = ceremony.Replace(PasskeyCeremonyStore.CookieName(PasskeyCeremonyKind.SignIn),
            PasskeyCeremonyStore.CookieName(PasskeyCeremonyKind.Reauthentication), StringComparison.Ordinal);
        var refused = await PostAsync(client, PasskeyEndpoints.ReauthenticatePath, $"{cookies}; {ceremony}; {renamed}", token, new { credential = answer });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(await WindowOpenAsync(host, user));
    }

    [Fact]
    public async Task A_challenge_issued_by_one_instance_is_used_on_the_other_once()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var user = await TestUser.CreateAsync(a);
        using var passkey = await SoftwarePasskey.RegisterAsync(a, user.UserId);
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();

        var (ceremony, answer) = await SignInAnswerAsync(a, clientA, passkey, user);
        Assert.NotNull(SessionCookie(await CompleteSignInAsync(clientB, ceremony, answer)));
        Assert.Null(SessionCookie(await CompleteSignInAsync(clientA, ceremony, answer)));
        Assert.Null(SessionCookie(await CompleteSignInAsync(clientB, ceremony, answer)));
    }

    private static string PublicOrigin(PortalHost host) =>
        new Uri(host.Services.GetRequiredService<IOptions<PortalOptions>>().Value.PublicUrl).GetLeftPart(UriPartial.Authority);

    private static async Task<bool> WindowOpenAsync(PortalHost host, TestUser user)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var recent = DateTimeOffset.UtcNow.AddMinutes(-5);
        return await db.UserSessions.AnyAsync(s => s.UserId == user.UserId && s.AuthenticatedAt > recent);
    }

    /// <summary>Sign-in options from the sign-in page of <paramref name="client"/>'s host: the ceremony cookie and the
    /// authenticator's answer.</summary>
    private static async Task<(string Ceremony, string Answer)> SignInAnswerAsync(PortalHost host, HttpClient client, SoftwarePasskey passkey, TestUser user)
    {
        var form = await DashboardSignIn.OpenFormAsync(client);
        var options = await PostAsync(client, PasskeyEndpoints.SignInOptionsPath, form.Cookies, form.Token);
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        return (CeremonyCookie(options, PasskeyCeremonyKind.SignIn),
            passkey.Answer(await options.Content.ReadAsStringAsync(), PublicOrigin(host), user.UserId));
    }

    /// <summary>Posts the sign-in page's passkey form from a fresh cookie jar holding only <paramref name="ceremony"/>.</summary>
    private static async Task<HttpResponseMessage> CompleteSignInAsync(HttpClient client, string ceremony, string answer)
    {
        var form = await DashboardSignIn.OpenFormAsync(client);
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "passkey-login",
                ["__RequestVerificationToken"] = form.Token,
                ["PasskeyInput.Credential"] = answer,
                ["PasskeyInput.Error"] = "",
            }),
        };
        post.Headers.Add("Cookie", $"{form.Cookies}; {ceremony}");
        return await client.SendAsync(post);
    }

    private static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(c => c.StartsWith("boltly.session=", StringComparison.Ordinal) && !c.StartsWith("boltly.session=;", StringComparison.Ordinal))
            : null;

    private static string CeremonyCookie(HttpResponseMessage options, PasskeyCeremonyKind kind)
    {
        var name = PasskeyCeremonyStore.CookieName(kind) + "=";
        var cookie = options.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name, StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        return cookie.Split(';')[0];
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
        Assert.True(token.Success, "no antiforgery token on Settings → Security");
        var set = page.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : [];
        return (string.Join("; ", new[] { session }.Concat(set)), WebUtility.HtmlDecode(token.Groups[1].Value));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string cookies, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Cookie", cookies);
        if (token is not null) request.Headers.Add("RequestVerificationToken", token);
        request.Content = body is null ? new StringContent("") : JsonContent.Create(body);
        return client.SendAsync(request);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
