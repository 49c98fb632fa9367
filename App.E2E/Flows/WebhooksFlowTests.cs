using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Boltly.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>Developers → Webhooks as an integrator uses it: add a local endpoint, store the secret, send a test
/// event, and see it delivered with the receiver's answer.</summary>
public sealed class WebhooksFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    [Fact]
    public async Task Create_a_subscription_send_a_test_event_and_see_the_delivery()
    {
        var user = await Portal.CreateUserAsync();
        await using var receiver = new WebhookReceiver();
        var login = new LoginPage(Page);
        await login.GotoAsync("/developers/webhooks");
        await login.SignInAsync(user.Email, user.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/developers/webhooks$"));
        await new DashboardPage(Page).WaitForInteractiveAsync();
        await Expect(Page.GetByTestId("webhooks-empty")).ToBeVisibleAsync();

        await Page.Locator("#webhook-url").FillAsync(receiver.Url);
        await Page.GetByTestId("event-contact.created").ClickAsync();
        await Page.GetByTestId("webhook-create").ClickAsync();
        await Expect(Page.GetByTestId("webhook-secret")).ToContainTextAsync("whsec_");
        await SaveScreenshotAsync(Page, "webhooks-created-desktop");
        await Page.GetByTestId("webhook-secret-done").ClickAsync();
        await Expect(Page.GetByTestId("webhook-secret")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("webhook-row")).ToContainTextAsync(receiver.Url);

        await Page.GetByTestId("webhook-test").ClickAsync();
        var ping = await receiver.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal("ping", ping.Headers["Boltly-Event-Type"]);
        await Expect(Page.Locator("[data-testid=delivery-row][data-state=delivered]")).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("delivery-response")).ToHaveTextAsync("answered 200");
        await SaveScreenshotAsync(Page, "webhooks-delivered-desktop");
    }
}
