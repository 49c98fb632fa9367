using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Faults;

/// <summary>
/// Data Protection keys live in PostgreSQL, so a dashboard cookie (and an antiforgery token) issued by
/// one instance is accepted by another, as behind a load balancer that moves a person between them.
/// </summary>
public sealed class CrossInstanceCookieTests
{
    [Fact]
    public async Task A_cookie_from_signing_in_on_one_instance_opens_the_dashboard_on_the_other()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var user = await TestUser.CreateAsync(a);
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();

        // Without a cookie, B sends the visitor to sign in.
        var anonymous = await clientB.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/login", anonymous.Headers.Location!.ToString());

        // Sign in on A through the dashboard's form (antiforgery token and cookie from A's page).
        var form = await DashboardSignIn.OpenFormAsync(clientA);
        var sessionCookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(clientA, form, user));

        // The same cookie on B: the dashboard answers, no redirect to sign in.
        foreach (var (client, name) in new[] { (clientA, "A"), (clientB, "B") })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", sessionCookie);
            var page = await client.SendAsync(request);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"instance {name}: {(int)page.StatusCode} {page.Headers.Location}");
            Assert.Contains("Dashboard", await page.Content.ReadAsStringAsync());
        }

        // And a forged cookie is not: the shared key ring is what makes B accept A's cookie.
        var forged = new HttpRequestMessage(HttpMethod.Get, "/");
        forged.Headers.Add("Cookie", sessionCookie[..^8] + "AAAAAAAA");
        Assert.Equal(HttpStatusCode.Redirect, (await clientB.SendAsync(forged)).StatusCode);
    }
}
