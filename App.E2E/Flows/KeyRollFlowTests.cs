using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>Rotating a key as an integrator does (docs/dashboard.md): roll it from its page with a 1-hour grace, store
/// the new secret, see both keys, and watch whether the old one is still in use before ending its grace.</summary>
public sealed class KeyRollFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    // The request log is written in batches (docs/usage.md): the page is reloaded until the old key's request shows.
    private static readonly TimeSpan LoggedWithin = TimeSpan.FromSeconds(75);

    [Fact]
    public async Task Roll_a_key_from_its_page_with_a_1_hour_grace_and_see_both_keys_and_the_old_ones_use()
    {
        var user = await Portal.CreateUserAsync();
        var login = new LoginPage(Page);
        await login.GotoAsync("/settings/api-keys");
        await login.SignInAsync(user.Email, user.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/settings/api-keys$"));
        await new DashboardPage(Page).WaitForInteractiveAsync();
        var keys = new ApiKeysPage(Page);
        var oldSecret = await keys.CreateAsync("Billing worker", ["contacts:read"]);
        await keys.ConfirmStoredAsync();

        await keys.Row("Billing worker").GetByTestId("key-detail-link").ClickAsync();
        var detail = new ApiKeyDetailPage(Page);
        await Expect(detail.Name).ToHaveTextAsync("Billing worker");
        await new DashboardPage(Page).WaitForInteractiveAsync();
        var url = Page.Url;

        await Page.GetByTestId("key-detail-roll").ClickAsync();
        await Page.GetByTestId("grace-1h").ClickAsync();
        await Expect(Page.GetByTestId("grace-summary")).ToContainTextAsync("works until");
        await SaveScreenshotAsync(Page, "api-key-roll-dialog-desktop");
        await Page.GetByTestId("roll-key-confirm").ClickAsync();
        await Expect(keys.Secret).ToBeVisibleAsync();
        var newSecret = (await keys.Secret.TextContentAsync())!.Trim();
        Assert.NotEqual(oldSecret, newSecret);
        await keys.ConfirmStoredAsync();
        await Expect(detail.Status).ToHaveTextAsync("rolling");
        await Expect(Page.GetByTestId("grace-unused")).ToBeVisibleAsync();

        // The old key still works, says when it stops, and its use shows on its page.
        await using (var api = await Portal.Playwright.APIRequest.NewContextAsync(new() { BaseURL = Portal.BaseUrl.ToString() }))
        {
            var old = await api.GetAsync("v1/developer-access/whoami",
                new() { Headers = new Dictionary<string, string> { ["X-API-Key"] = oldSecret, ["User-Agent"] = "billing-worker/3.2" } });
            Assert.Equal(200, old.Status);
            Assert.True(old.Headers.ContainsKey("sunset"));
            var fresh = await api.GetAsync("v1/developer-access/whoami", new() { Headers = new Dictionary<string, string> { ["X-API-Key"] = newSecret } });
            Assert.Equal(200, fresh.Status);
        }
        var deadline = DateTimeOffset.UtcNow + LoggedWithin;
        while (await Page.GetByTestId("grace-in-use").CountAsync() == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The old key's request never showed in its grace panel.");
            await Task.Delay(TimeSpan.FromSeconds(2));
            await Page.GotoAsync(url);
            await new DashboardPage(Page).WaitForInteractiveAsync();
        }
        await Expect(Page.GetByTestId("grace-source")).ToHaveCountAsync(1);
        await Expect(Page.GetByTestId("grace-source")).ToContainTextAsync("billing-worker/3.2");
        await Expect(Page.GetByTestId("grace-source")).ToContainTextAsync("127.0.0.1");
        await SaveScreenshotAsync(Page, "api-key-rolling-desktop");

        // Both keys in the list: the old one rolling, its successor active.
        await keys.GotoAsync();
        await new DashboardPage(Page).WaitForInteractiveAsync();
        await Expect(keys.Rows).ToHaveCountAsync(2);
        Assert.Equal(["active", "rolling"], (await keys.Rows.GetByTestId("key-status").AllTextContentsAsync()).Select(s => s.Trim()).Order());
        await Expect(keys.Count).ToHaveTextAsync("1 of 5 active keys");
    }
}
