using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Sessions;

/// <summary>
/// Devices recognised by more than a user agent (docs/sessions.md, ADR 0027): a browser by its signed device cookie,
/// its network by the client address's /24 (or /48). A sign-in from a device or a network the user has not used in 90
/// days sends the new sign-in mail, read back from smtp4dev; the same browser on the same network sends none.
/// </summary>
public sealed class DeviceRecognitionTests(ProxiedPortal portal) : IClassFixture<ProxiedPortal>
{
    private const string Subject = "New sign-in to your Boltly Portal account";
    private const string Browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

    [Fact]
    public async Task A_new_network_or_a_new_device_cookie_mails_and_the_same_browser_on_the_same_network_does_not()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        using var inbox = new MailInbox();

        // First sign-in: a device and a network never seen.
        var device = await SignInAsync(user, "198.51.100.7", deviceCookie: null);
        Assert.NotNull(device);
        var deviceId = await LatestDeviceIdAsync(user);
        Assert.Equal(1, await NewSignInEventsAsync(user));
        await inbox.WaitForAsync(user.Email, TimeSpan.FromSeconds(90), count: 1);

        // The same browser (device cookie) from another address of the same /24: nothing. The cookie is renewed.
        device = await SignInAsync(user, "198.51.100.99", device);
        Assert.Equal(deviceId, await LatestDeviceIdAsync(user));
        Assert.Equal(1, await NewSignInEventsAsync(user));

        // The same browser from a new /24, with the very same user agent: mailed.
        device = await SignInAsync(user, "203.0.113.5", device);
        Assert.Equal(deviceId, await LatestDeviceIdAsync(user));
        Assert.Equal(2, await NewSignInEventsAsync(user));

        // Another browser (no device cookie, same user agent) from a known network: mailed.
        await SignInAsync(user, "198.51.100.20", deviceCookie: null);
        Assert.NotEqual(deviceId, await LatestDeviceIdAsync(user));
        Assert.Equal(3, await NewSignInEventsAsync(user));

        // A forged device cookie is no device at all: a new one is issued, and it is mailed.
        await SignInAsync(user, "198.51.100.21", "boltly.device=CfDJ8forged");
        Assert.Equal(4, await NewSignInEventsAsync(user));

        var mails = await inbox.WaitForAsync(user.Email, TimeSpan.FromSeconds(90), count: 4);
        await Task.Delay(TimeSpan.FromSeconds(2));
        mails = await inbox.MessagesToAsync(user.Email);
        Assert.Equal(4, mails.Count);
        Assert.All(mails, m => Assert.Equal(Subject, m.Subject));
        var texts = await Task.WhenAll(mails.Select(m => inbox.PlainTextAsync(m.Id)));
        Assert.Contains(texts, t => t.Contains("203.0.113.5", StringComparison.Ordinal));
        Assert.DoesNotContain(texts, t => t.Contains("198.51.100.99", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_device_cookie_is_signed_long_lived_and_httponly()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var response = await PostSignInAsync(user, "192.0.2.10", deviceCookie: null);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("boltly.device=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=34560000", cookie, StringComparison.OrdinalIgnoreCase);
        // Protected, not a readable id.
        Assert.False(Guid.TryParse(cookie.Split(';')[0]["boltly.device=".Length..], out _));
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:abcd:12::1", "2001:db8:abcd::/48")]
    [InlineData("not an address", null)]
    public void A_network_is_the_addresss_24_or_48(string address, string? network) =>
        Assert.Equal(network, ClientNetwork.Of(address, 24, 48));

    private async Task<Guid?> LatestDeviceIdAsync(TestUser user)
    {
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.UserSessions.Where(s => s.UserId == user.UserId).OrderByDescending(s => s.Id).Select(s => s.DeviceId).FirstAsync();
    }

    private async Task<int> NewSignInEventsAsync(TestUser user)
    {
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.SecurityEvents.IgnoreQueryFilters().CountAsync(e => e.UserId == user.UserId && e.Type == SecurityEventTypes.NewDeviceSignIn);
    }

    /// <summary>Signs in through the dashboard form from <paramref name="address"/>; the device cookie it was given.</summary>
    private async Task<string?> SignInAsync(TestUser user, string address, string? deviceCookie)
    {
        var response = await PostSignInAsync(user, address, deviceCookie);
        Assert.NotNull(DashboardSignIn.SessionCookie(response));
        return response.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("boltly.device=", StringComparison.Ordinal))
            .Select(c => c.Split(';')[0]).SingleOrDefault();
    }

    private async Task<HttpResponseMessage> PostSignInAsync(TestUser user, string address, string? deviceCookie)
    {
        var client = portal.Host.CreateHttpClient();
        var page = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        Headers(page, address, deviceCookie);
        var opened = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var token = System.Text.RegularExpressions.Regex.Match(await opened.Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        var cookies = string.Join("; ", opened.Headers.TryGetValues("Set-Cookie", out var set) ? set.Select(c => c.Split(';')[0]) : []);
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login",
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["Input.Email"] = user.Email,
                ["Input.Password"] = user.Password,
            }),
        };
        Headers(post, address, deviceCookie is null ? cookies : $"{cookies}; {deviceCookie}");
        return await client.SendAsync(post);
    }

    private static void Headers(HttpRequestMessage request, string address, string? cookies)
    {
        request.Headers.Add("X-Forwarded-For", address);
        request.Headers.TryAddWithoutValidation("User-Agent", Browser);
        if (!string.IsNullOrEmpty(cookies)) request.Headers.Add("Cookie", cookies);
    }
}
