using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Boltly.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>A newcomer's way in, with the mail read from smtp4dev's API as QA reads it: sign up, confirm, sign in;
/// and "Forgot password?" from the sign-in page to a new password (docs/registration.md).</summary>
public sealed class RegistrationFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    private const string NewPassword = "Juniper-Atlas-Copper-62";

    [Fact]
    public async Task A_newcomer_signs_up_confirms_from_the_mail_and_signs_in()
    {
        if (!Portal.IsLocal) Assert.Skip("Reads mail from the local smtp4dev.");
        using var inbox = new MailInbox();
        var email = MailInbox.NewAddress("e2e-signup");
        var login = new LoginPage(Page);
        await login.GotoAsync();
        await Page.GetByTestId("create-account").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/signup"));
        await new SignUpPage(Page).FillAsync("E2E Newcomer", email, SignUpFlow.Password);
        await Expect(new SignUpPage(Page).Sent).ToBeVisibleAsync();

        // Signed in before confirming: the banner asks for it.
        await login.GotoAsync();
        await login.SignInAsync(email, SignUpFlow.Password);
        await Expect(new DashboardPage(Page).AccountName).ToHaveTextAsync("E2E Newcomer");
        await Expect(Page.GetByTestId("email-unconfirmed-banner")).ToBeVisibleAsync();

        var token = await SignUpFlow.TokenFromMailAsync(inbox, email, "confirm-email");
        await Page.GotoAsync($"account/confirm-email?token={Uri.EscapeDataString(token)}");
        await Page.GetByTestId("confirm-submit").ClickAsync();
        await Expect(Page.GetByTestId("email-confirmed")).ToBeVisibleAsync();
        await SaveScreenshotAsync(Page, "email-confirmed");

        await Page.GotoAsync("");
        await Expect(new DashboardPage(Page).Title).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("email-unconfirmed-banner")).ToHaveCountAsync(0);
        await new DashboardPage(Page).SignOutAsync();
        await login.SignInAsync(email, SignUpFlow.Password);
        await Expect(new DashboardPage(Page).Title).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Forgot_password_mails_a_link_that_sets_a_new_password()
    {
        var user = await Portal.CreateUserAsync();
        using var inbox = new MailInbox();
        var login = new LoginPage(Page);
        await login.GotoAsync();
        await Page.GetByTestId("forgot-password").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/forgot-password"));
        await Page.GetByLabel("Email").FillAsync(user.Email);
        await Page.GetByTestId("forgot-submit").ClickAsync();
        await Expect(Page.GetByTestId("reset-sent")).ToBeVisibleAsync();

        var token = await SignUpFlow.TokenFromMailAsync(inbox, user.Email, "reset-password");
        await Page.GotoAsync($"account/reset-password?token={Uri.EscapeDataString(token)}");
        await Page.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await Page.GetByLabel("Repeat new password").FillAsync(NewPassword);
        await Page.GetByTestId("reset-submit").ClickAsync();
        await Expect(Page.GetByTestId("reset-done")).ToBeVisibleAsync();

        await login.GotoAsync();
        await login.SignInAsync(user.Email, user.Password);
        await Expect(login.Error).ToHaveTextAsync("Invalid email or password.");
        await login.SignInAsync(user.Email, NewPassword);
        await Expect(new DashboardPage(Page).Title).ToBeVisibleAsync();
    }
}
