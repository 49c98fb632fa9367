using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Boltly.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>Settings → Members: invite a colleague as a viewer, who accepts from the mail in a second browser, signs in,
/// and sees the API keys without a Create button.</summary>
public sealed partial class MembersFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    [Fact]
    public async Task An_invited_viewer_accepts_in_a_second_browser_and_sees_no_create_button()
    {
        var owner = await Portal.CreateUserAsync();
        var email = MailInbox.NewAddress("e2e-invitee");
        var login = new LoginPage(Page);
        await login.GotoAsync();
        await login.SignInAsync(owner.Email, owner.Password);
        await Expect(new DashboardPage(Page).Title).ToBeVisibleAsync();

        await Page.GotoAsync("settings/members");
        await new DashboardPage(Page).WaitForInteractiveAsync();
        await Page.Locator("#invite-email").FillAsync(email);
        await Page.GetByTestId("invite-role").SelectOptionAsync("viewer");
        await Page.GetByTestId("invite-submit").ClickAsync();
        await Expect(Page.GetByTestId("invitations-table")).ToContainTextAsync(email);
        await SaveScreenshotAsync(Page, "members-invited");

        using var inbox = new MailInbox();
        var mail = (await inbox.WaitForAsync(email, TimeSpan.FromSeconds(30)))[0];
        var link = AcceptLink().Match(await inbox.PlainTextAsync(mail.Id));
        Assert.True(link.Success);
        var path = new Uri(link.Value).PathAndQuery.TrimStart('/');

        var (otherContext, other) = await NewContextAsync();
        try
        {
            await other.GotoAsync(path);
            await other.GetByTestId("invitation-password").FillAsync("Fresh-Colleague-Pass-42");
            await other.GetByTestId("invitation-submit").ClickAsync();
            await Expect(other.GetByTestId("invitation-accepted")).ToContainTextAsync("viewer");
            await other.GetByTestId("invitation-sign-in").ClickAsync();
            await new LoginPage(other).SignInAsync(email, "Fresh-Colleague-Pass-42");
            await Expect(new DashboardPage(other).Title).ToBeVisibleAsync();

            await other.GotoAsync("settings/api-keys");
            await new DashboardPage(other).WaitForInteractiveAsync();
            await Expect(other.GetByTestId("keys-read-only")).ToBeVisibleAsync();
            await Expect(other.GetByTestId("create-key")).ToHaveCountAsync(0);
            await Expect(other.GetByTestId("create-first-key")).ToHaveCountAsync(0);
            await SaveScreenshotAsync(other, "api-keys-as-viewer");
        }
        finally
        {
            await otherContext.CloseAsync();
        }
    }

    [GeneratedRegex(@"https?://[^\s]+/invitations/accept\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex AcceptLink();
}
