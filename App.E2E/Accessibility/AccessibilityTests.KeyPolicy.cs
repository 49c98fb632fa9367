using Boltly.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Accessibility;

/// <summary>The walk's Key policy step: the page, a refused value, the saved policy, and the create dialog under it.</summary>
public abstract partial class AccessibilityTests
{
    private static async Task KeyPolicyAsync(Walk walk)
    {
        var page = walk.Page;
        await new DashboardPage(page).WaitForInteractiveAsync();
        await Expect(page.GetByTestId("policy-form")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("key policy");

        await page.GetByTestId("policy-idle-revoke").FillAsync("3");
        await page.GetByTestId("policy-save").ClickAsync();
        await Expect(page.GetByTestId("policy-idle-revoke-error")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("key policy, refused value", walkKeyboard: false);

        await page.GetByTestId("policy-max-lifetime").FillAsync("30");
        await page.GetByTestId("policy-idle-revoke").FillAsync("");
        await page.GetByTestId("policy-save").ClickAsync();
        await ConfirmItsYouIfAskedAsync(walk, page.GetByTestId("policy-summary").GetByText("max lifetime 30 days"));
        await walk.Audit.ScanAsync("key policy, saved (snackbar)", walkKeyboard: false);

        // The create dialog under the policy: presets within 30 days, a note, no "No expiry".
        await page.GotoAsync("settings/api-keys");
        await new DashboardPage(page).WaitForInteractiveAsync();
        var keys = new ApiKeysPage(page);
        await keys.CreateButton.ClickAsync();
        await ConfirmItsYouIfAskedAsync(walk, keys.CreateDialog);
        await Expect(page.GetByTestId("expiry-policy")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("create key dialog under a key policy");
        await page.GetByTestId("create-key-cancel").ClickAsync();
        await Expect(keys.CreateDialog).ToHaveCountAsync(0);
    }
}
