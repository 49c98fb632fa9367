using Boltly.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Accessibility;

/// <summary>The walk's Webhooks step: the page, the secret reveal, the rotate and redeliver dialogs, an event type's sample.</summary>
public abstract partial class AccessibilityTests
{
    private static async Task WebhooksAsync(Walk walk)
    {
        var page = walk.Page;
        await new DashboardPage(page).WaitForInteractiveAsync();
        await Expect(page.GetByTestId("webhooks-empty")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("webhooks, none yet");
        await page.Locator("#webhook-url").FillAsync("https://10.0.0.1/hook");
        await page.GetByTestId("webhook-create").ClickAsync();
        await Expect(page.GetByText("not a public address")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("webhooks, refused URL", walkKeyboard: false);

        // An endpoint (nothing listens there: its deliveries fail), its secret, and the dialogs of its row.
        await page.Locator("#webhook-url").FillAsync("http://127.0.0.1:9/hook");
        await page.GetByTestId("webhook-create").ClickAsync();
        await ConfirmItsYouIfAskedAsync(walk, page.GetByTestId("webhook-secret"));
        await Expect(page.Locator(".mud-snackbar").First).ToHaveCSSAsync("opacity", "1");
        await walk.Audit.ScanAsync("webhooks, secret shown", walkKeyboard: false);
        await page.GetByTestId("webhook-secret-done").ClickAsync();
        await page.GetByTestId("webhook-rotate").ClickAsync();
        await ConfirmItsYouIfAskedAsync(walk, page.GetByTestId("rotate-secret-dialog"));
        await walk.Audit.ScanAsync("rotate secret dialog");
        await page.GetByTestId("rotate-secret-confirm").ClickAsync();
        await Expect(page.GetByTestId("rotated-secret")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("rotate secret dialog, new secret");
        await page.GetByTestId("rotate-secret-done").ClickAsync();
        await Expect(page.GetByTestId("rotate-secret-dialog")).ToHaveCountAsync(0);
        await page.GetByTestId("webhook-deliveries").ClickAsync();
        await page.GetByTestId("deliveries-redeliver-failed").ClickAsync();
        await Expect(page.GetByTestId("redeliver-dialog")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("redeliver failed dialog");
        await page.GetByTestId("redeliver-cancel").ClickAsync();
        await Expect(page.GetByTestId("redeliver-dialog")).ToHaveCountAsync(0);
        await page.Locator("[data-testid=webhook-event-type][data-type='contact.created'] .mud-expand-panel-header").ClickAsync();
        await Expect(page.Locator("[data-testid=webhook-event-type][data-type='contact.created'] [data-testid=webhook-event-sample]")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("webhooks, an event type's sample", walkKeyboard: false);
    }

    /// <summary>The walk may outlast the sign-in's re-authentication window: then the sudo dialog asks for the password first.</summary>
    private static async Task ConfirmItsYouIfAskedAsync(Walk walk, ILocator expected)
    {
        var reauth = walk.Page.GetByTestId("reauth-dialog");
        await Expect(expected.Or(reauth)).ToBeVisibleAsync();
        if (!await reauth.IsVisibleAsync()) return;
        await walk.Page.Locator("#reauth-password").FillAsync(walk.User.Password);
        await walk.Page.GetByTestId("reauth-confirm").ClickAsync();
        await Expect(expected).ToBeVisibleAsync();
    }
}
