using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Boltly.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>Developers → Webhooks as an integrator uses it: add a local endpoint, store the secret, send a test
/// event, and see it delivered with the receiver's answer; redeliver what failed while the receiver was down, and
/// rotate the signing secret.</summary>
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

    [Fact]
    public async Task Redeliver_failed_deliveries_and_rotate_the_secret_from_the_page()
    {
        var user = await Portal.CreateUserAsync();
        await using var receiver = new WebhookReceiver();
        receiver.AnswerWith(500, 500);   // the receiver is down for the first two events
        var login = new LoginPage(Page);
        await login.GotoAsync("/developers/webhooks");
        await login.SignInAsync(user.Email, user.Password);
        await new DashboardPage(Page).WaitForInteractiveAsync();
        await Page.Locator("#webhook-url").FillAsync(receiver.Url);
        await Page.GetByTestId("webhook-create").ClickAsync();
        var original = (await Page.GetByTestId("webhook-secret").TextContentAsync())!.Trim();
        await Page.GetByTestId("webhook-secret-done").ClickAsync();

        // Two test events fail (each is one attempt).
        var failed = Page.Locator("[data-testid=delivery-row][data-state=failed]");
        await Page.GetByTestId("webhook-test").ClickAsync();
        var first = await receiver.NextAsync(TimeSpan.FromSeconds(10));
        await Expect(failed).ToHaveCountAsync(1);
        await Page.GetByTestId("webhook-test").ClickAsync();
        var second = await receiver.NextAsync(TimeSpan.FromSeconds(10));
        await Page.GetByTestId("deliveries-refresh").ClickAsync();
        await Expect(failed).ToHaveCountAsync(2);

        // "Redeliver" on the older one: the same event (webhook-id) arrives again and is delivered.
        await failed.Last.GetByTestId("delivery-retry").ClickAsync();
        var again = await receiver.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(first.Headers["webhook-id"], again.Headers["webhook-id"]);
        await Expect(failed).ToHaveCountAsync(1);

        // "Redeliver failed since…" sends the other one again.
        await Page.GetByTestId("deliveries-redeliver-failed").ClickAsync();
        await Expect(Page.GetByTestId("redeliver-dialog")).ToBeVisibleAsync();
        await SaveScreenshotAsync(Page, "webhooks-redeliver-dialog-desktop");
        await Page.GetByTestId("redeliver-confirm").ClickAsync();
        var resent = await receiver.NextAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(second.Headers["webhook-id"], resent.Headers["webhook-id"]);
        await Expect(failed).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=delivery-row][data-state=delivered]")).ToHaveCountAsync(2);

        // Rotate: the new secret is shown once; the next delivery is signed with both.
        await Page.GetByTestId("webhook-rotate").ClickAsync();
        await Expect(Page.GetByTestId("rotate-secret-dialog")).ToBeVisibleAsync();
        await Page.GetByTestId("rotate-secret-confirm").ClickAsync();
        var rotated = (await Page.GetByTestId("rotated-secret").TextContentAsync())!.Trim();
        Assert.StartsWith("whsec_", rotated);
        Assert.NotEqual(original, rotated);
        await SaveScreenshotAsync(Page, "webhooks-rotated-desktop");
        await Page.GetByTestId("rotate-secret-done").ClickAsync();
        await Expect(Page.GetByTestId("rotate-secret-dialog")).ToHaveCountAsync(0);
        await Expect(Page.GetByTestId("rotated-secret")).ToHaveCountAsync(0);

        await Page.GetByTestId("webhook-test").ClickAsync();
        var signedTwice = await receiver.NextAsync(TimeSpan.FromSeconds(10));
        var signatures = signedTwice.Headers["webhook-signature"].Split(' ').Distinct().ToList();
        Assert.Equal(2, signatures.Count);
        Assert.Contains(StandardSignature(signedTwice, original), signatures);
        Assert.Contains(StandardSignature(signedTwice, rotated), signatures);
    }

    /// <summary>The Standard Webhooks signature of a delivery with a secret (the API tests verify it with the library too).</summary>
    private static string StandardSignature(ReceivedWebhook hook, string secret) =>
        "v1," + Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(secret["whsec_".Length..]),
            Encoding.UTF8.GetBytes($"{hook.Headers["webhook-id"]}.{hook.Headers["webhook-timestamp"]}.{hook.Body}")));
}
