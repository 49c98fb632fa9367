using Microsoft.Playwright;

namespace Boltly.E2E.Pages;

/// <summary>Settings → Password (statically rendered).</summary>
public sealed class PasswordPage(IPage page)
{
    public ILocator Changed => page.GetByTestId("password-changed");
    public ILocator NewPasswordError => page.GetByTestId("new-password-error");

    public Task GotoAsync() => page.GotoAsync("settings/password");

    public async Task ChangeAsync(string current, string next, string? confirm = null)
    {
        await page.GetByTestId("current-password").FillAsync(current);
        await page.GetByTestId("new-password").FillAsync(next);
        await page.GetByTestId("confirm-password").FillAsync(confirm ?? next);
        await page.GetByTestId("change-password-submit").ClickAsync();
    }
}
