using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

public sealed class SignInFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    [Fact]
    public async Task Demo_account_signs_in_sees_the_dashboard_and_signs_out()
    {
        var login = new LoginPage(Page);
        await login.GotoAsync();
        await login.SignInAsync(PortalUnderTest.DemoEmail, PortalUnderTest.DemoPassword);

        var dashboard = new DashboardPage(Page);
        await Expect(dashboard.Title).ToBeVisibleAsync();
        await Expect(dashboard.AccountName).ToHaveTextAsync("Demo");
        await Expect(dashboard.UserEmail).ToHaveTextAsync(PortalUnderTest.DemoEmail);
        await dashboard.WaitForInteractiveAsync();
        await SaveScreenshotAsync(Page, "dashboard-desktop");

        await dashboard.SignOutAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login"));
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login"));
    }

    [Fact]
    public async Task A_wrong_password_shows_the_generic_error()
    {
        var user = await Portal.CreateUserAsync();
        var login = new LoginPage(Page);
        await login.GotoAsync();
        await login.SignInAsync(user.Email, "not-the-password-at-all");

        await Expect(login.Error).ToHaveTextAsync("Invalid email or password.");
        await login.SignInAsync("nobody-" + Guid.NewGuid().ToString("N") + "@test.boltly.local", "whatever-password-1");
        await Expect(login.Error).ToHaveTextAsync("Invalid email or password.");
    }

    [Fact]
    public async Task A_deep_link_returns_to_its_page_after_sign_in()
    {
        var user = await Portal.CreateUserAsync();
        await Page.GotoAsync("settings/activity");
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login\\?(returnUrl|ReturnUrl)="));

        await new LoginPage(Page).SignInAsync(user.Email, user.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/settings/activity$"));
        await Expect(Page.GetByRole(Microsoft.Playwright.AriaRole.Heading, new() { Name = "Security activity" })).ToBeVisibleAsync();
    }
}
