using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>Settings → Sessions in two browsers of one person: revoking the other one signs it out at its next navigation.</summary>
public sealed class SessionsFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    [Fact]
    public async Task Revoking_the_other_browser_from_sessions_sends_it_to_sign_in()
    {
        var user = await Portal.CreateUserAsync();
        var (otherContext, other) = await NewContextAsync();
        try
        {
            await new LoginPage(other).GotoAsync();
            await new LoginPage(other).SignInAsync(user.Email, user.Password);
            await Expect(new DashboardPage(other).Title).ToBeVisibleAsync();

            var login = new LoginPage(Page);
            await login.GotoAsync();
            await login.SignInAsync(user.Email, user.Password);
            await Expect(new DashboardPage(Page).Title).ToBeVisibleAsync();
            await Page.GotoAsync("settings/sessions");
            await new DashboardPage(Page).WaitForInteractiveAsync();
            await Expect(Page.GetByTestId("session-row")).ToHaveCountAsync(2);
            await Expect(Page.Locator("[data-current=true]")).ToContainTextAsync("This device");

            await Page.Locator("[data-current=false]").GetByTestId("revoke-session").ClickAsync();
            await Expect(Page.GetByTestId("session-row")).ToHaveCountAsync(1);
            await SaveScreenshotAsync(Page, "sessions-after-revoke");

            await other.GotoAsync("settings/api-keys");
            await Expect(other).ToHaveURLAsync(new Regex("/account/login"));
            await Page.GotoAsync("settings/api-keys");
            await Expect(Page).ToHaveURLAsync(new Regex("/settings/api-keys$"));
        }
        finally
        {
            await otherContext.CloseAsync();
        }
    }
}
