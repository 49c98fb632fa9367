using Boltly.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Accessibility;

/// <summary>The walk's key lifecycle step, on a key's page: the allowlist editor (with an entry refused), the roll dialog,
/// and the rolling key's "still in use" panel.</summary>
public abstract partial class AccessibilityTests
{
    private static async Task KeyLifecycleAsync(Walk walk)
    {
        var page = walk.Page;
        await page.GetByTestId("key-detail-allowlist").ClickAsync();
        await Expect(page.GetByTestId("allowlist-dialog")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("allowlist editor");
        await page.Locator("#allowlist-input").FillAsync("10.0.0.1/8");
        await page.GetByTestId("allowlist-add").ClickAsync();
        await Expect(page.GetByText("did you mean 10.0.0.0/8?")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("allowlist editor, an entry refused", walkKeyboard: false);
        await page.Locator("#allowlist-input").FillAsync("127.0.0.1");
        await page.GetByTestId("allowlist-add").ClickAsync();
        await Expect(page.GetByTestId("allowlist-entry")).ToHaveCountAsync(1);
        await walk.Audit.ScanAsync("allowlist editor, one entry", walkKeyboard: false);
        await page.GetByTestId("allowlist-save").ClickAsync();
        await Expect(page.GetByTestId("allowlist-dialog")).ToHaveCountAsync(0);

        await page.GetByTestId("key-detail-roll").ClickAsync();
        await Expect(page.GetByTestId("roll-key-dialog")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("roll dialog");
        await page.GetByTestId("grace-1h").ClickAsync();
        await page.GetByTestId("roll-key-confirm").ClickAsync();
        var keys = new ApiKeysPage(page);
        await Expect(keys.Secret).ToBeVisibleAsync();
        await keys.ConfirmStoredAsync();
        await Expect(page.GetByTestId("grace-panel")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("key detail, rolling");
    }
}
