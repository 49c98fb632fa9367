using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Boltly.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>2FA setup and sign-in, recovery codes, and a password change that signs other sessions out.</summary>
public sealed class AccountSecurityFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    [Fact]
    public async Task Set_up_two_factor_then_sign_in_with_a_code()
    {
        var user = await Portal.CreateUserAsync();
        var (manualKey, codes) = await SignInAndEnableTwoFactorAsync(Page, user);
        Assert.Equal(10, codes.Count);

        await new DashboardPage(Page).SignOutAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login"));

        await new LoginPage(Page).SignInAsync(user.Email, user.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login/2fa"));
        var second = new TwoFactorLoginPage(Page);
        await second.EnterCodeAsync("000000" == SecurityPage.CodeFor(manualKey, 1) ? "111111" : "000000");
        await Expect(second.Error).ToHaveTextAsync("Invalid code.");
        // The enabling code used the current step; the app's next code (one step ahead) is accepted.
        await second.EnterCodeAsync(SecurityPage.CodeFor(manualKey, 1));
        await Expect(new DashboardPage(Page).Title).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Sign_in_with_a_recovery_code()
    {
        var user = await Portal.CreateUserAsync();
        var (_, codes) = await SignInAndEnableTwoFactorAsync(Page, user);
        await new DashboardPage(Page).SignOutAsync();

        await new LoginPage(Page).SignInAsync(user.Email, user.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login/2fa"));
        await new TwoFactorLoginPage(Page).UseRecoveryCodeAsync(codes[4]);
        await Expect(new DashboardPage(Page).Title).ToBeVisibleAsync();

        var security = new SecurityPage(Page);
        await security.GotoAsync();
        await Expect(security.CodesLeft).ToHaveTextAsync("9 of 10 recovery codes left.");
        await Expect(Page.Locator("[data-testid=security-event][data-type=recovery_code_used]")).ToHaveCountAsync(1);
        await Expect(Page.Locator("[data-testid=security-event][data-type=two_factor_enabled]")).ToHaveCountAsync(1);
        await SaveScreenshotAsync(Page, "settings-security-on");
    }

    [Fact]
    public async Task Changing_the_password_signs_the_other_browser_out()
    {
        var user = await Portal.CreateUserAsync();
        var (otherContext, other) = await NewContextAsync();
        try
        {
            // Session B: on the live dashboard (an interactive circuit).
            await new LoginPage(other).GotoAsync();
            await new LoginPage(other).SignInAsync(user.Email, user.Password);
            var otherDashboard = new DashboardPage(other);
            await Expect(otherDashboard.Title).ToBeVisibleAsync();
            await otherDashboard.WaitForInteractiveAsync();

            // Session A changes the password.
            await new LoginPage(Page).GotoAsync("/settings/password");
            await new LoginPage(Page).SignInAsync(user.Email, user.Password);
            var password = new PasswordPage(Page);
            await Expect(Page).ToHaveURLAsync(new Regex("/settings/password$"));
            await password.ChangeAsync(user.Password, "password1234");
            await Expect(password.NewPasswordError).ToBeVisibleAsync();
            const string next = "harbor-quill-meadow-71";
            await password.ChangeAsync(user.Password, next);
            await Expect(password.Changed).ToBeVisibleAsync();

            // A keeps its (re-issued) session; B is signed out within the revalidation interval (2 s here).
            await Page.GotoAsync("/");
            await Expect(new DashboardPage(Page).Title).ToBeVisibleAsync();
            await Expect(other).ToHaveURLAsync(new Regex("/account/login"), new() { Timeout = 15_000 });
            await other.GotoAsync("/");
            await Expect(other).ToHaveURLAsync(new Regex("/account/login"));
        }
        finally
        {
            await otherContext.CloseAsync();
        }
    }

    [Fact]
    public async Task Turning_two_factor_off_with_the_window_closed_asks_once_then_turns_it_off()
    {
        var user = await Portal.CreateUserAsync();
        var (manualKey, _) = await SignInAndEnableTwoFactorAsync(Page, user);
        await Portal.CloseReauthenticationWindowAsync(user);

        var security = new SecurityPage(Page);
        await security.GotoAsync();
        await Page.GetByTestId("disable-password").FillAsync(user.Password);
        await Page.GetByTestId("disable-submit").ClickAsync();
        // Sudo mode asks; the code given there is the proof, so nothing is asked a second time (codes are single-use).
        await Expect(Page.GetByTestId("reauth-form")).ToBeVisibleAsync();
        await Page.GetByTestId("reauth-code").FillAsync(SecurityPage.CodeFor(manualKey, 1));
        await Page.GetByTestId("reauth-confirm").ClickAsync();
        await Expect(security.Panel).ToHaveAttributeAsync("data-state", "off");
        await Expect(Page.GetByTestId("reauth-form")).ToHaveCountAsync(0);
        await Expect(Page.Locator("[data-testid=security-event][data-type=two_factor_disabled]")).ToHaveCountAsync(1);
    }

    private static async Task<(string ManualKey, List<string> Codes)> SignInAndEnableTwoFactorAsync(IPage page, TestUser user)
    {
        var login = new LoginPage(page);
        await login.GotoAsync("/settings/security");
        await login.SignInAsync(user.Email, user.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/settings/security$"));

        var security = new SecurityPage(page);
        await Expect(security.Panel).ToHaveAttributeAsync("data-state", "off");
        await security.StartSetupAsync();
        await Expect(security.Panel).ToHaveAttributeAsync("data-state", "setting-up");
        await Expect(security.QrCode.Locator("svg")).ToBeVisibleAsync();
        var manualKey = (await security.ManualKey.TextContentAsync())!.Trim();
        Assert.Matches("^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$", manualKey);

        await security.EnableAsync(SecurityPage.CodeFor(manualKey));
        await Expect(security.Panel).ToHaveAttributeAsync("data-state", "on");
        await Expect(security.RecoveryCodes).ToHaveCountAsync(10);
        var codes = (await security.RecoveryCodes.AllTextContentsAsync()).Select(c => c.Trim()).ToList();
        return (manualKey, codes);
    }
}
