using Microsoft.Playwright;

namespace Boltly.E2E.Pages;

/// <summary>The second sign-in step and its recovery-code variant.</summary>
public sealed class TwoFactorLoginPage(IPage page)
{
    public ILocator Error => page.GetByTestId("two-factor-error");
    public ILocator RecoveryError => page.GetByTestId("recovery-error");

    public async Task EnterCodeAsync(string code)
    {
        await page.GetByTestId("two-factor-code").FillAsync(code);
        await page.GetByTestId("two-factor-submit").ClickAsync();
    }

    public async Task UseRecoveryCodeAsync(string code)
    {
        await page.GetByTestId("use-recovery-code").ClickAsync();
        await page.GetByTestId("recovery-code").FillAsync(code);
        await page.GetByTestId("recovery-submit").ClickAsync();
    }
}
