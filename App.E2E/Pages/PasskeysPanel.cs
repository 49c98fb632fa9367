using Microsoft.Playwright;

namespace Boltly.E2E.Pages;

/// <summary>The passkeys card of Settings → Security (statically rendered: form posts, WebAuthn by wwwroot/passkeys.js).</summary>
public sealed class PasskeysPanel(IPage page)
{
    public ILocator Panel => page.GetByTestId("passkeys-panel");
    public ILocator Rows => page.GetByTestId("passkey-row");
    public ILocator Count => page.GetByTestId("passkey-count");
    public ILocator Error => page.GetByTestId("passkeys-error");
    public ILocator Message => page.GetByTestId("passkeys-message");

    public async Task AddAsync(string name)
    {
        await page.GetByTestId("passkey-add-name").FillAsync(name);
        await page.GetByTestId("passkey-add-submit").ClickAsync();
    }

    public async Task RemoveAsync(string name)
    {
        var row = Rows.Filter(new LocatorFilterOptions { HasText = name });
        await row.GetByTestId("passkey-remove-open").ClickAsync();
        await row.GetByTestId("passkey-remove-submit").ClickAsync();
    }
}
