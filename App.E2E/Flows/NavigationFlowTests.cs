using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>The statically rendered shell (docs/performance.md): the drawer's button works without a circuit, a
/// navigation reaches an interactive page that works and puts focus on its heading, on a wide and a narrow screen.</summary>
public sealed class NavigationFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    [Fact]
    public async Task On_a_wide_screen_the_drawer_closes_and_opens_and_its_links_reach_working_pages()
    {
        await SignInAsync(Page);
        var drawer = Page.Locator("#navigation-drawer");
        var toggle = Page.GetByTestId("drawer-toggle");
        await Expect(drawer.GetByRole(AriaRole.Link, new() { Name = "API Keys" })).ToBeInViewportAsync();

        await toggle.ClickAsync();
        await Expect(drawer).Not.ToBeInViewportAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await toggle.ClickAsync();
        await Expect(drawer.GetByRole(AriaRole.Link, new() { Name = "API Keys" })).ToBeInViewportAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");

        // An enhanced navigation to an interactive page: the heading has focus, the page works.
        await drawer.GetByRole(AriaRole.Link, new() { Name = "API Keys" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/settings/api-keys$"));
        var heading = Page.GetByRole(AriaRole.Heading, new() { Name = "API keys", Exact = true });
        await Expect(heading).ToBeFocusedAsync();
        var keys = new ApiKeysPage(Page);
        await Expect(keys.CreateButton).ToBeEnabledAsync();
        await keys.CreateButton.ClickAsync();
        await Expect(keys.CreateDialog).ToBeVisibleAsync();
        await Page.GetByTestId("create-key-cancel").ClickAsync();
        await Expect(keys.CreateDialog).ToHaveCountAsync(0);

        // On to another interactive page through the drawer: the circuit's page is replaced and works.
        await drawer.GetByRole(AriaRole.Link, new() { Name = "Sessions" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/settings/sessions$"));
        await new DashboardPage(Page).WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("session-row")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task On_a_phone_the_drawer_starts_closed_opens_over_the_page_and_closes_after_a_navigation()
    {
        var (context, page) = await NewContextAsync(390, 844);
        try
        {
            await SignInAsync(page);
            var drawer = page.Locator("#navigation-drawer");
            await Expect(drawer).Not.ToBeVisibleAsync();

            await page.GetByTestId("drawer-toggle").ClickAsync();
            var link = drawer.GetByRole(AriaRole.Link, new() { Name = "Webhooks" });
            await Expect(link).ToBeInViewportAsync();
            await link.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/developers/webhooks$"));
            await Expect(drawer).Not.ToBeVisibleAsync();
            await Expect(page.GetByTestId("webhook-create")).ToBeEnabledAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private async Task SignInAsync(IPage page)
    {
        var user = await Portal.CreateUserAsync();
        var login = new LoginPage(page);
        await login.GotoAsync();
        await login.SignInAsync(user.Email, user.Password);
        await Expect(new DashboardPage(page).Title).ToBeVisibleAsync();
    }
}
