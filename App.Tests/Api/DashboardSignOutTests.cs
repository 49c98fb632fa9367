using System.Net;
using System.Text.RegularExpressions;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api;

/// <summary>The dashboard's sign-out form over real HTTP: only a POST carrying the page's antiforgery
/// token signs out, so another site cannot sign people out.</summary>
public sealed partial class DashboardSignOutTests(SharedPortal portal)
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Fact]
    public async Task Sign_out_without_the_antiforgery_token_is_refused_and_with_it_signs_out()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var session = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(_client, await DashboardSignIn.OpenFormAsync(_client), user));

        var page = await GetAsync("/", session);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = SignOutToken().Match(await page.Content.ReadAsStringAsync());
        Assert.True(token.Success, "no antiforgery token in the layout's sign-out form");
        var cookies = string.Join("; ", new[] { session }.Concat(SetCookies(page).Select(c => c.Split(';')[0])));

        var forged = await PostLogoutAsync(cookies, new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(SetCookies(forged), c => c.StartsWith("boltly.session=", StringComparison.Ordinal));
        var stillIn = await GetAsync("/", session);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);

        var wrongToken = await PostLogoutAsync(cookies, new Dictionary<string, string> { ["__RequestVerificationToken"] = "CfDJ8-not-a-token" });
        Assert.Equal(HttpStatusCode.BadRequest, wrongToken.StatusCode);

        var signOut = await PostLogoutAsync(cookies, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        });
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal("/account/login", signOut.Headers.Location?.OriginalString);
        var cleared = Assert.Single(SetCookies(signOut), c => c.StartsWith("boltly.session=", StringComparison.Ordinal));
        Assert.Contains("expires=Thu, 01 Jan 1970", cleared, StringComparison.OrdinalIgnoreCase);

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(1, await db.SecurityEvents.IgnoreQueryFilters().CountAsync(e => e.UserId == user.UserId && e.Type == SecurityEventTypes.SignOut));
    }

    private Task<HttpResponseMessage> GetAsync(string path, string cookies)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookies);
        return _client.SendAsync(request);
    }

    private Task<HttpResponseMessage> PostLogoutAsync(string cookies, Dictionary<string, string> form)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/logout") { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Cookie", cookies);
        return _client.SendAsync(request);
    }

    private static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [];

    [GeneratedRegex("data-testid=\"sign-out-form\".*?name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"", RegexOptions.Singleline)]
    private static partial Regex SignOutToken();
}
