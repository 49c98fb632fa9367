using Boltly.E2E.Pages;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

public sealed partial class PasskeyFlowTests
{
    /// <summary>A person with only a passkey (no password, no two-factor) whose re-authentication window has closed: Settings
    /// → Security's confirm form offers "Confirm with a passkey" and nothing to type; the virtual authenticator answers, the
    /// page comes back with the window open and the add-a-passkey form; the two-factor card's own confirm form does the
    /// same, and setting up two-factor then goes ahead; with two-factor on, Settings → Password's confirm takes a recovery
    /// code too (docs/sessions.md).</summary>
    [Fact]
    public async Task A_passkey_only_person_confirms_with_a_passkey_on_settings_security_then_changes_passkeys_and_two_factor_and_a_code_confirms_on_password()
    {
        var user = await Portal.CreateUserAsync();
        var (context, page) = await NewLocalhostContextAsync();
        try
        {
            await BecomePasskeyOnlyAsync(user, context, page);
            var passkeys = new PasskeysPanel(page);

            // The page's own confirm form, from the passkeys card's link.
            await Portal.CloseReauthenticationWindowAsync(user);
            await page.GotoAsync("settings/security");
            await Expect(page.GetByTestId("passkey-add-form")).ToHaveCountAsync(0);
            await page.GetByTestId("passkeys-confirm-link").ClickAsync();
            var form = page.GetByTestId("reauth-form");
            await Expect(form).ToBeVisibleAsync();
            await Expect(form.Locator("#reauth-password")).ToHaveCountAsync(0);
            await Expect(form.Locator("#reauth-code")).ToHaveCountAsync(0);
            await Expect(form.GetByTestId("reauth-cancel")).ToBeVisibleAsync();
            await SaveScreenshotAsync(page, "static-confirm-passkey-only");
            await form.GetByTestId("passkey-confirm").ClickAsync();
            await Expect(page.GetByTestId("passkey-add-form")).ToBeVisibleAsync();
            await Expect(form).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("passkeys-confirm-first")).ToHaveCountAsync(0);

            // The two-factor card's confirm form: the same ways; after the passkey the action is there to start again.
            await Portal.CloseReauthenticationWindowAsync(user);
            var security = new SecurityPage(page);
            await security.GotoAsync();
            await security.StartSetupAsync();
            await Expect(form).ToBeVisibleAsync();
            await Expect(form).ToContainTextAsync("Setting up two-factor authentication");
            await Expect(form.Locator("#reauth-password")).ToHaveCountAsync(0);
            await form.GetByTestId("passkey-confirm").ClickAsync();
            await Expect(security.Panel).ToHaveAttributeAsync("data-state", "off");
            await Expect(form).ToHaveCountAsync(0);
            await security.StartSetupAsync();
            await Expect(security.Panel).ToHaveAttributeAsync("data-state", "setting-up");
            await Expect(security.QrCode.Locator("svg")).ToBeVisibleAsync();
            await security.EnableAsync(SecurityPage.CodeFor((await security.ManualKey.TextContentAsync())!.Trim()));
            await Expect(security.RecoveryCodes).ToHaveCountAsync(10);
            var recoveryCode = (await security.RecoveryCodes.First.TextContentAsync())!.Trim();
            await page.GotoAsync("settings/security");
            await Expect(page.Locator("[data-testid=security-event][data-type=passkey_reauthentication]")).ToHaveCountAsync(2);

            // Settings → Password for a passwordless person with two-factor: a code confirms as well as the passkey.
            await Portal.CloseReauthenticationWindowAsync(user);
            var card = page.GetByTestId("password-card");
            await page.GotoAsync("settings/password");
            await Expect(card).ToHaveAttributeAsync("data-state", "confirm");
            await Expect(card.Locator("#reauth-password")).ToHaveCountAsync(0);
            await Expect(card.GetByTestId("passkey-confirm")).ToBeVisibleAsync();
            await card.Locator("#reauth-code").FillAsync("00000000");
            await card.GetByTestId("reauth-confirm").ClickAsync();
            await Expect(card.GetByTestId("password-set-error")).ToHaveTextAsync("That code is not valid.");
            await Expect(card).ToHaveAttributeAsync("data-state", "confirm");
            await card.Locator("#reauth-code").FillAsync(recoveryCode);
            await card.GetByTestId("reauth-confirm").ClickAsync();
            await Expect(card).ToHaveAttributeAsync("data-state", "set");
            await Expect(page.Locator("#new-password")).ToBeVisibleAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
