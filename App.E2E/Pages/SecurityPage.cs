using Microsoft.Playwright;
using OtpNet;

namespace Boltly.E2E.Pages;

/// <summary>Settings → Security (statically rendered: plain form posts, no circuit to wait for).</summary>
public sealed class SecurityPage(IPage page)
{
    public ILocator Panel => page.GetByTestId("two-factor-panel");
    public ILocator ManualKey => page.GetByTestId("manual-key");
    public ILocator QrCode => page.GetByTestId("qr-code");
    public ILocator RecoveryCodes => page.GetByTestId("recovery-code");
    public ILocator CodesLeft => page.GetByTestId("recovery-codes-left");
    public ILocator Events => page.GetByTestId("security-event");

    public Task GotoAsync() => page.GotoAsync("settings/security");

    public Task StartSetupAsync() => page.GetByTestId("setup-submit").ClickAsync();

    public async Task EnableAsync(string code)
    {
        await page.GetByTestId("enable-code").FillAsync(code);
        await page.GetByTestId("enable-submit").ClickAsync();
    }

    /// <summary>The code an authenticator app shows now, for the key read off the page.</summary>
    public static string CodeFor(string manualKey, int stepOffset = 0) =>
        new Totp(Base32Encoding.ToBytes(manualKey.Replace(" ", ""))).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * stepOffset));
}
