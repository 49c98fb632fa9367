using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
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

    [Fact]
    public async Task A_page_whose_browser_ignores_the_sign_in_navigation_can_do_nothing_after_its_session_is_revoked()
    {
        var user = await Portal.CreateUserAsync();
        var (otherContext, other) = await NewContextAsync();
        try
        {
            // Browser B stays on its open Sessions page whatever it is told: the navigation to sign-in gets a 204.
            await new LoginPage(other).GotoAsync();
            await new LoginPage(other).SignInAsync(user.Email, user.Password);
            await Expect(new DashboardPage(other).Title).ToBeVisibleAsync();
            await other.GotoAsync("settings/sessions");
            await new DashboardPage(other).WaitForInteractiveAsync();
            await other.RouteAsync("**/account/login**", route => route.FulfillAsync(new() { Status = 204 }));

            // Browser A signs in and revokes B.
            var login = new LoginPage(Page);
            await login.GotoAsync();
            await login.SignInAsync(user.Email, user.Password);
            await Page.GotoAsync("settings/sessions");
            await new DashboardPage(Page).WaitForInteractiveAsync();
            await Expect(Page.GetByTestId("session-row")).ToHaveCountAsync(2);
            await Page.Locator("[data-current=false]").GetByTestId("revoke-session").ClickAsync();
            await Expect(Page.GetByTestId("session-row")).ToHaveCountAsync(1);

            // B's page is still on screen, and its "Sign out all other sessions" does nothing: its circuit is closed.
            await Expect(other).ToHaveURLAsync(new Regex("/settings/sessions$"));
            // (Whether the last render before the close removed the button or not, a click reaches no live circuit.)
            if (await other.GetByTestId("revoke-others").CountAsync() > 0)
                await other.GetByTestId("revoke-others").ClickAsync(new() { Force = true, Timeout = 5_000 });
            await other.WaitForTimeoutAsync(2_000);
            await SaveScreenshotAsync(other, "sessions-revoked-page-does-nothing");

            // A is still signed in.
            await Page.GotoAsync("settings/sessions");
            await Expect(Page).ToHaveURLAsync(new Regex("/settings/sessions$"));
            await Expect(Page.GetByTestId("session-row")).ToHaveCountAsync(1);
        }
        finally
        {
            await otherContext.CloseAsync();
        }
    }

    [Fact]
    public async Task A_live_circuit_is_signed_out_by_its_periodic_check_when_a_revocation_message_was_lost()
    {
        if (Portal.Host is null) Assert.Skip("Changing the stamp behind the portal's back needs the local host.");
        var user = await Portal.CreateUserAsync();
        var login = new LoginPage(Page);
        await login.GotoAsync();
        await login.SignInAsync(user.Email, user.Password);
        await Page.GotoAsync("settings/api-keys");
        await new DashboardPage(Page).WaitForInteractiveAsync();

        // The stamp moves in the database only: no revocation reaches the circuit, as if the message were lost.
        await using (var scope = Portal.Host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var appUser = await users.FindByIdAsync(user.UserId.ToString());
            Assert.True((await users.UpdateSecurityStampAsync(appUser!)).Succeeded);
        }
        // No navigation by the test: the circuit's own check (every 2 s here) signs it out.
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 15_000 });
    }
}
