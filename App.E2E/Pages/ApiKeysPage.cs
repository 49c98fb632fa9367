using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Pages;

/// <summary>Settings → API Keys (interactive: wait for the circuit before clicking).</summary>
public sealed class ApiKeysPage(IPage page)
{
    public ILocator Count => page.GetByTestId("key-count");
    public ILocator CreateButton => page.GetByTestId("create-key");
    public ILocator LimitReason => page.GetByTestId("key-limit-reason");
    public ILocator Empty => page.GetByTestId("keys-empty");
    public ILocator Rows => page.Locator("[data-testid=keys-table] tbody tr");
    public ILocator CreateDialog => page.GetByTestId("create-key-form");
    public ILocator CreateError => page.GetByTestId("create-key-error");
    public ILocator RevealDialog => page.GetByTestId("reveal-key-dialog");
    public ILocator Secret => page.GetByTestId("revealed-secret");
    public ILocator CurlExample => page.GetByTestId("curl-example");
    public ILocator RevokeDialog => page.GetByTestId("revoke-key-dialog");

    public Task GotoAsync() => page.GotoAsync("settings/api-keys");

    public ILocator Row(string name) => Rows.Filter(new LocatorFilterOptions { Has = page.GetByTestId("key-row-name").GetByText(name, new() { Exact = true }) });

    /// <summary>Opens the create dialog and fills it; <paramref name="expiry"/> is a preset id (7d, 30d, 60d, 90d, 1y, none).</summary>
    public async Task FillCreateAsync(string name, IEnumerable<string> scopes, string expiry = "30d")
    {
        await CreateButton.ClickAsync();
        await Expect(CreateDialog).ToBeVisibleAsync();
        await page.GetByTestId("key-name").FillAsync(name);
        foreach (var scope in scopes)
        {
            var box = page.GetByTestId($"scope-{scope}");
            await box.ClickAsync();
            await Expect(box).ToBeCheckedAsync();
        }
        await page.GetByTestId($"expiry-{expiry}").ClickAsync();
    }

    public Task SubmitCreateAsync() => page.GetByTestId("create-key-submit").ClickAsync();

    /// <summary>Creates a key and returns the secret shown once, leaving the reveal open.</summary>
    public async Task<string> CreateAsync(string name, IEnumerable<string> scopes, string expiry = "30d")
    {
        await FillCreateAsync(name, scopes, expiry);
        await SubmitCreateAsync();
        await Expect(Secret).ToBeVisibleAsync();
        return (await Secret.TextContentAsync())!.Trim();
    }

    public async Task ConfirmStoredAsync()
    {
        await page.GetByTestId("reveal-done").ClickAsync();
        await Expect(RevealDialog).ToHaveCountAsync(0);
    }

    public async Task RevokeAsync(string name)
    {
        await Row(name).GetByTestId("revoke-key").ClickAsync();
        await Expect(RevokeDialog).ToBeVisibleAsync();
        await page.GetByTestId("revoke-key-confirm").ClickAsync();
        await Expect(RevokeDialog).ToHaveCountAsync(0);
    }
}
