using System.Net;
using System.Text.RegularExpressions;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Sessions;

/// <summary>A dashboard cookie over plain HTTP, as a copied cookie would be used: is it still accepted, and signing out.</summary>
internal static partial class SessionTestClient
{
    public static async Task<string> CookieAsync(HttpClient client, TestUser user, string? userAgent = null)
    {
        var form = await DashboardSignIn.OpenFormAsync(client);
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
        if (userAgent is not null) post.Headers.UserAgent.ParseAdd(userAgent);
        return DashboardSignIn.SessionCookie(await client.SendAsync(post));
    }

    /// <summary>Whether the cookie still opens a dashboard page (200) rather than being sent to sign-in.</summary>
    public static async Task<bool> OpensDashboardAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/settings/api-keys");
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.OK) return true;
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.OriginalString.Replace(client.BaseAddress!.ToString(), "/"));
        return false;
    }

    /// <summary>The cookie's answer on the API: 200 or 401.</summary>
    public static async Task<HttpStatusCode> ApiStatusAsync(HttpClient client, string cookie)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    /// <summary>Signs out with the layout's form (antiforgery token and all), as the button does.</summary>
    public static async Task SignOutAsync(HttpClient client, string cookie)
    {
        var page = new HttpRequestMessage(HttpMethod.Get, "/");
        page.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = SignOutToken().Match(await response.Content.ReadAsStringAsync());
        Assert.True(token.Success, "no sign-out form");
        var cookies = string.Join("; ", new[] { cookie }.Concat(
            (response.Headers.TryGetValues("Set-Cookie", out var set) ? set : []).Select(c => c.Split(';')[0])));
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/logout")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            }),
        };
        post.Headers.Add("Cookie", cookies);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(post)).StatusCode);
    }

    [GeneratedRegex("data-testid=\"sign-out-form\".*?name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex SignOutToken();
}
