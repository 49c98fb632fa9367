using System.Net;
using System.Text.RegularExpressions;
using Boltly.Features.Passkeys;
using Boltly.Platform.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Boltly.Tests.Infrastructure;

/// <summary>Signs in through the dashboard's static sign-in form over plain HTTP, as a browser does.</summary>
public static partial class DashboardSignIn
{
    /// <summary>The sign-in page's antiforgery token and the cookies that go with it.</summary>
    public sealed record Form(string Token, string Cookies);

    public static async Task<Form> OpenFormAsync(HttpClient client)
    {
        var page = await client.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AntiforgeryField().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, "no antiforgery token on the sign-in page");
        return new Form(WebUtility.HtmlDecode(token.Groups[1].Value), CookieHeader(page));
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, Form form, TestUser user)
    {
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = form.Token,
                ["Input.Email"] = user.Email,
                ["Input.Password"] = user.Password,
            }),
        };
        post.Headers.Add("Cookie", form.Cookies);
        return client.SendAsync(post);
    }

    /// <summary>Signs in with <paramref name="passkey"/> on the sign-in page (its options, then its answer with the ceremony's
    /// cookie), as <c>wwwroot/passkeys.js</c> does; the response of the sign-in post.</summary>
    public static async Task<HttpResponseMessage> PasskeySignInAsync(HttpClient client, PortalHost host, SoftwarePasskey passkey, Guid userId)
    {
        var form = await OpenFormAsync(client);
        var options = new HttpRequestMessage(HttpMethod.Post, PasskeyEndpoints.SignInOptionsPath) { Content = new StringContent("") };
        options.Headers.Add("Cookie", form.Cookies);
        options.Headers.Add("RequestVerificationToken", form.Token);
        var answer = await client.SendAsync(options);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var ceremony = answer.Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith(PasskeyCeremonyStore.CookieName(PasskeyCeremonyKind.SignIn) + "=", StringComparison.Ordinal)).Split(';')[0];
        var origin = new Uri(host.Services.GetRequiredService<IOptions<PortalOptions>>().Value.PublicUrl).GetLeftPart(UriPartial.Authority);
        var assertion = passkey.Answer(await answer.Content.ReadAsStringAsync(), origin, userId);
        return await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "passkey-login",
                ["__RequestVerificationToken"] = form.Token,
                ["PasskeyInput.Credential"] = assertion,
                ["PasskeyInput.Error"] = "",
            }),
            Headers = { { "Cookie", $"{form.Cookies}; {ceremony}" } },
        });
    }

    /// <summary>The <c>boltly.session</c> cookie (name=value) set by a successful sign-in.</summary>
    public static string SessionCookie(HttpResponseMessage signedIn)
    {
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").FirstOrDefault(c => c.Contains("boltly.session="));
        Assert.NotNull(session);
        return session.Split(';')[0];
    }

    private static string CookieHeader(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]) : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
