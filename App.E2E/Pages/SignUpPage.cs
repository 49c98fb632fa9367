using Microsoft.Playwright;

namespace Boltly.E2E.Pages;

/// <summary>The sign-up page (statically rendered: a plain form post).</summary>
public sealed class SignUpPage(IPage page)
{
    public ILocator Sent => page.GetByTestId("signup-sent");

    public async Task FillAsync(string accountName, string email, string password, string? confirm = null)
    {
        await page.GetByLabel("Account name").FillAsync(accountName);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByLabel("Repeat password").FillAsync(confirm ?? password);
        await page.GetByTestId("signup-submit").ClickAsync();
    }
}
