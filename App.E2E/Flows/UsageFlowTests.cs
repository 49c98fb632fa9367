using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>
/// What an owner debugging an integration does (docs/dashboard.md): requests with a key, then its detail page from the
/// API Keys list shows them charted by outcome and listed newest first, filterable by status; the Dashboard charts
/// them for the account with the key among the busiest. Needs the real usage reader (counting and the request log).
/// </summary>
public sealed class UsageFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    // Counts reach the reader within a minute of the requests (docs/usage.md): the page is reloaded until they do.
    private static readonly TimeSpan CountedWithin = TimeSpan.FromSeconds(75);
    private const int Allowed = 4;
    private const int OutOfScope = 2;

    [Fact]
    public async Task Requests_made_with_a_key_show_on_its_detail_page_and_the_dashboard()
    {
        var user = await Portal.CreateUserAsync();
        var login = new LoginPage(Page);
        await login.GotoAsync("/settings/api-keys");
        await login.SignInAsync(user.Email, user.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/settings/api-keys$"));
        await new DashboardPage(Page).WaitForInteractiveAsync();
        var keys = new ApiKeysPage(Page);
        var secret = await keys.CreateAsync("Usage flow", ["contacts:read"]);
        await keys.ConfirmStoredAsync();

        // From the list to the key's page: nothing yet, and how to make a first request (never the secret).
        await keys.Row("Usage flow").GetByTestId("key-detail-link").ClickAsync();
        var detail = new ApiKeyDetailPage(Page);
        await Expect(detail.Name).ToHaveTextAsync("Usage flow");
        await Expect(detail.UsageEmpty).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("first-request-curl")).ToContainTextAsync("$BOLTLY_API_KEY");
        Assert.DoesNotContain(secret, await Page.ContentAsync());
        var keyId = Guid.Parse(new Uri(Page.Url).Segments[^1]);

        await using var api = await Portal.Playwright.APIRequest.NewContextAsync(new() { BaseURL = Portal.BaseUrl.ToString() });
        var headers = new Dictionary<string, string> { ["X-API-Key"] = secret };
        for (var i = 0; i < Allowed; i++)
            Assert.Equal(200, (await api.GetAsync("v1/developer-access/whoami?secret=query", new() { Headers = headers })).Status);
        for (var i = 0; i < OutOfScope; i++)
            Assert.Equal(403, (await api.GetAsync("v1/conversations", new() { Headers = headers })).Status);

        // The chart and the log, once counted.
        await ReloadUntilAsync(detail.Chart, $"{Allowed + OutOfScope}", () => detail.GotoAsync(keyId));
        await Expect(detail.ChartDrawing.Locator("svg").First).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("usage-summary")).ToContainTextAsync($"Successful: {Allowed}");
        await Expect(Page.GetByTestId("usage-summary")).ToContainTextAsync($"Insufficient scope: {OutOfScope}");
        await Expect(detail.Requests).ToHaveCountAsync(Allowed + OutOfScope, new() { Timeout = (float)CountedWithin.TotalMilliseconds });
        Assert.Equal([.. Enumerable.Repeat("403", OutOfScope), .. Enumerable.Repeat("200", Allowed)], await detail.RequestStatuses.AllTextContentsAsync());
        // Paths without their query strings.
        Assert.DoesNotContain("secret=query", await Page.GetByTestId("request-log").TextContentAsync());
        await SaveScreenshotAsync(Page, "api-key-detail-desktop");

        await detail.FilterAsync("4xx");
        await Expect(detail.Requests).ToHaveCountAsync(OutOfScope);
        await detail.FilterAsync("5xx");
        await Expect(detail.RequestsEmpty).ToBeVisibleAsync();
        await detail.FilterAsync("all");
        await Expect(detail.Requests).ToHaveCountAsync(Allowed + OutOfScope);

        // The Dashboard: the account's chart, and this key among the busiest, linking back.
        await Page.GotoAsync("");
        await new DashboardPage(Page).WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("usage-chart")).ToHaveAttributeAsync("data-total", $"{Allowed + OutOfScope}");
        var busiest = Page.GetByTestId("busiest-key-link");
        await Expect(busiest).ToHaveTextAsync("Usage flow");
        await SaveScreenshotAsync(Page, "dashboard-usage-desktop");
        await busiest.ClickAsync();
        await Expect(detail.Name).ToHaveTextAsync("Usage flow");

        // Another id: not found, not an error.
        await detail.GotoAsync(Guid.NewGuid());
        await Expect(detail.NotFound).ToBeVisibleAsync();
    }

    private async Task ReloadUntilAsync(ILocator chart, string total, Func<Task> reload)
    {
        var deadline = DateTimeOffset.UtcNow + CountedWithin;
        while (true)
        {
            await new DashboardPage(Page).WaitForInteractiveAsync();
            if (await chart.CountAsync() > 0 && await chart.GetAttributeAsync("data-total") == total) return;
            Assert.True(DateTimeOffset.UtcNow < deadline, $"The key's usage did not reach {total} requests within {CountedWithin.TotalSeconds} s.");
            await Task.Delay(TimeSpan.FromSeconds(2));
            await reload();
        }
    }
}
