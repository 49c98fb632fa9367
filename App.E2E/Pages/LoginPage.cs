using Microsoft.Playwright;

namespace Boltly.E2E.Pages;

/// <summary>The sign-in page (statically rendered: no circuit to wait for).</summary>
public sealed class LoginPage(IPage page)
{
    public ILocator Error => page.GetByTestId("login-error");

    public async Task GotoAsync(string? returnUrl = null) =>
        await page.GotoAsync(returnUrl is null ? "account/login" : $"account/login?returnUrl={Uri.EscapeDataString(returnUrl)}");

    public async Task SignInAsync(string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByTestId("sign-in").ClickAsync();
    }
}
