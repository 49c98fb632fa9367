using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Sessions;

/// <summary>How long sessions live (Sessions:* options), with the host's clock moved rather than waited for.</summary>
public sealed class SessionLifetimeTests(TwoFactorPortal portal) : IClassFixture<TwoFactorPortal>
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Fact]
    public async Task Turning_two_factor_on_ends_every_other_session()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var other = await SessionTestClient.CookieAsync(_client, user);
        Assert.True(await SessionTestClient.OpensDashboardAsync(_client, other));

        await portal.EnableTwoFactorAsync(_client, user);

        Assert.False(await SessionTestClient.OpensDashboardAsync(_client, other));
    }

    [Fact]
    public async Task A_browser_session_idle_longer_than_the_limit_is_refused()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var cookie = await SessionTestClient.CookieAsync(_client, user);
        portal.Host.Clock.Advance(TimeSpan.FromHours(11));
        Assert.True(await SessionTestClient.OpensDashboardAsync(_client, cookie));
        portal.Host.Clock.Advance(TimeSpan.FromHours(12).Add(TimeSpan.FromMinutes(2)));
        Assert.False(await SessionTestClient.OpensDashboardAsync(_client, cookie));
    }
}

/// <summary>The absolute limit, on a host whose idle limit is longer than a week so only the absolute one can end it.</summary>
public sealed class SessionAbsoluteLifetimeTests
{
    [Fact]
    public async Task A_busy_browser_session_still_ends_seven_days_after_its_sign_in()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["Sessions:BrowserIdleHours"] = "720",
        }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var cookie = await SessionTestClient.CookieAsync(client, user);

        host.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(5));
        Assert.True(await SessionTestClient.OpensDashboardAsync(client, cookie));
        host.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(await SessionTestClient.OpensDashboardAsync(client, cookie));
    }
}
