using System.Text.RegularExpressions;
using Boltly.E2E.Pages;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

public sealed partial class PasskeyFlowTests
{
    /// <summary>A person without a password (as joining with a passkey leaves them) finds "Set a password" on Settings →
    /// Password; outside the re-authentication window it asks to confirm first, "Confirm with a passkey" answers with the
    /// virtual authenticator and loads the page again with the form; the password set then signs in (docs/passwords.md).</summary>
    [Fact]
    public async Task A_person_without_a_password_confirms_with_a_passkey_then_sets_one_and_signs_in_with_it()
    {
        const string newPassword = "lantern-orbit-velvet-44";
        var user = await Portal.CreateUserAsync();
        var (context, page) = await NewLocalhostContextAsync();
        try
        {
            await BecomePasskeyOnlyAsync(user, context, page);

            var card = page.GetByTestId("password-card");
            await page.GotoAsync("settings/password");
            await Expect(card).ToHaveAttributeAsync("data-state", "set");   // signed in moments ago: no need to confirm
            await Expect(page.Locator("#current-password")).ToHaveCountAsync(0);

            await Portal.CloseReauthenticationWindowAsync(user);
            await page.GotoAsync("settings/password");
            await Expect(card).ToHaveAttributeAsync("data-state", "confirm");
            await SaveScreenshotAsync(page, "first-password-confirm-first");
            await page.GetByTestId("passkey-confirm").ClickAsync();
            await Expect(card).ToHaveAttributeAsync("data-state", "set");

            await page.Locator("#new-password").FillAsync(newPassword);
            await page.Locator("#confirm-password").FillAsync(newPassword);
            await page.GetByTestId("set-password-submit").ClickAsync();
            await Expect(page.GetByTestId("password-changed")).ToContainTextAsync("Your password is set");
            await Expect(card).ToHaveAttributeAsync("data-state", "change");
            await SaveScreenshotAsync(page, "first-password-set");

            await new DashboardPage(page).SignOutAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
            await new LoginPage(page).SignInAsync(user.Email, newPassword);
            await Expect(new DashboardPage(page).Title).ToBeVisibleAsync();
            await Expect(new DashboardPage(page).UserEmail).ToHaveTextAsync(user.Email);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    /// <summary>Signs <paramref name="user"/> in on Settings → Security in a browser with a virtual authenticator, adds one
    /// passkey there, then takes the password away: a passkey-only person whose browser session carries on.</summary>
    private async Task BecomePasskeyOnlyAsync(TestUser user, IBrowserContext context, IPage page)
    {
        await AddVirtualAuthenticatorAsync(context, page);
        await new LoginPage(page).GotoAsync("/settings/security");
        await new LoginPage(page).SignInAsync(user.Email, user.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/settings/security$"));
        await new PasskeysPanel(page).AddAsync("Virtual laptop");
        await Expect(new PasskeysPanel(page).Rows).ToHaveCountAsync(1);
        await ForgetPasswordAsync(user.UserId);
    }

    /// <summary>Leaves the user without a password, as accepting an invitation with a passkey does; the security stamp is
    /// left alone, so the browser's session carries on (a real passwordless member never had one).</summary>
    private async Task ForgetPasswordAsync(Guid userId)
    {
        if (Portal.Host is null) Assert.Skip("A passwordless user needs the local host's database.");
        await using var scope = Portal.Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(userId.ToString());
        user!.PasswordHash = null;
        Assert.True((await users.UpdateAsync(user)).Succeeded);
    }
}
