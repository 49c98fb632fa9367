using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Boltly.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>
/// Passkeys on Chromium with its virtual authenticator (WebAuthn over CDP): register one on Settings → Security,
/// sign out, sign in with it (no password, no code), remove it; and join an account from an invitation with a passkey.
/// WebAuthn refuses an IP address as relying party id, so these tests browse http://localhost:PORT rather than the
/// suite's 127.0.0.1 (docs/passkeys.md).
/// </summary>
public sealed partial class PasskeyFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    [Fact]
    public async Task Register_a_passkey_sign_out_sign_in_with_it_and_remove_it()
    {
        var user = await Portal.CreateUserAsync();
        var (context, page) = await NewLocalhostContextAsync();
        try
        {
            await AddVirtualAuthenticatorAsync(context, page);

            await new LoginPage(page).GotoAsync("/settings/security");
            await new LoginPage(page).SignInAsync(user.Email, user.Password);
            await Expect(page).ToHaveURLAsync(new Regex("/settings/security$"));
            var passkeys = new PasskeysPanel(page);
            await Expect(passkeys.Count).ToHaveTextAsync("0 of 10 passkeys");

            await passkeys.AddAsync("Virtual laptop");
            await Expect(passkeys.Message).ToContainTextAsync("Passkey “Virtual laptop” added");
            await Expect(passkeys.Rows).ToHaveCountAsync(1);
            await Expect(passkeys.Count).ToHaveTextAsync("1 of 10 passkeys");
            // The page's events list is read before the panel handles the post: the next visit shows the event.
            await page.GotoAsync("settings/security");
            await Expect(page.Locator("[data-testid=security-event][data-type=passkey_added]")).ToHaveCountAsync(1);

            await new DashboardPage(page).SignOutAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));

            // No email, no password, no code: the authenticator picks the account.
            await page.GetByTestId("passkey-sign-in").ClickAsync();
            await Expect(new DashboardPage(page).Title).ToBeVisibleAsync();
            await Expect(new DashboardPage(page).UserEmail).ToHaveTextAsync(user.Email);

            await page.GotoAsync("settings/security");
            await Expect(page.Locator("[data-testid=security-event][data-type=sign_in]").First).ToContainTextAsync("passkey");

            // Sudo mode with a passkey: the API Keys dialog offers it, and the create form follows once it verified.
            await Portal.CloseReauthenticationWindowAsync(user);
            var keys = new ApiKeysPage(page);
            await keys.GotoAsync();
            await keys.CreateButton.ClickAsync();
            await Expect(page.GetByTestId("reauth-dialog")).ToBeVisibleAsync();
            await page.GetByTestId("passkey-reauthenticate").ClickAsync();
            await Expect(keys.CreateDialog).ToBeVisibleAsync();
            await Expect(page.GetByTestId("reauth-dialog")).ToHaveCountAsync(0);
            await page.GotoAsync("settings/security");
            await Expect(page.Locator("[data-testid=security-event][data-type=passkey_reauthentication]")).ToHaveCountAsync(1);
            await passkeys.RemoveAsync("Virtual laptop");
            await Expect(passkeys.Message).ToHaveTextAsync("Passkey removed.");
            await Expect(passkeys.Rows).ToHaveCountAsync(0);
            await page.GotoAsync("settings/security");
            await Expect(page.Locator("[data-testid=security-event][data-type=passkey_removed]")).ToHaveCountAsync(1);
            // A passkey change ends no session: still signed in.
            await page.GotoAsync("/");
            await Expect(new DashboardPage(page).Title).ToBeVisibleAsync();

            // The removed passkey no longer signs in.
            await new DashboardPage(page).SignOutAsync();
            await page.GetByTestId("passkey-sign-in").ClickAsync();
            await Expect(new LoginPage(page).Error).ToBeVisibleAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Accept_an_invitation_with_a_passkey_in_a_second_browser_then_sign_in_with_it()
    {
        var owner = await Portal.CreateUserAsync();
        var email = MailInbox.NewAddress("e2e-passkey-invitee");
        await new LoginPage(Page).GotoAsync();
        await new LoginPage(Page).SignInAsync(owner.Email, owner.Password);
        await Expect(new DashboardPage(Page).Title).ToBeVisibleAsync();
        await Page.GotoAsync("settings/members");
        await new DashboardPage(Page).WaitForInteractiveAsync();
        await Page.Locator("#invite-email").FillAsync(email);
        await Page.GetByTestId("invite-role").SelectOptionAsync("developer");
        await Page.GetByTestId("invite-submit").ClickAsync();
        await Expect(Page.GetByTestId("invitations-table")).ToContainTextAsync(email);

        using var inbox = new MailInbox();
        var mail = (await inbox.WaitForAsync(email, TimeSpan.FromSeconds(30)))[0];
        var link = InvitationLink().Match(await inbox.PlainTextAsync(mail.Id));
        Assert.True(link.Success);

        var (context, page) = await NewLocalhostContextAsync();
        try
        {
            await AddVirtualAuthenticatorAsync(context, page);
            await page.GotoAsync(new Uri(link.Value).PathAndQuery.TrimStart('/'));
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set a password" })).ToBeVisibleAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Use a passkey" })).ToBeVisibleAsync();
            await page.GetByTestId("invitation-passkey-submit").ClickAsync();
            // As with a password: the member is not signed in by accepting, and signs in next.
            await Expect(page.GetByTestId("invitation-accepted")).ToContainTextAsync("developer");
            await Expect(page.GetByTestId("invitation-accepted")).ToContainTextAsync("passkey");
            await SaveScreenshotAsync(page, "invitation-accepted-with-passkey");
            await page.GetByTestId("invitation-sign-in").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/account/login"));

            // No email, no password: the authenticator offers the passkey made while joining.
            await page.GetByTestId("passkey-sign-in").ClickAsync();
            await Expect(new DashboardPage(page).Title).ToBeVisibleAsync();
            await Expect(new DashboardPage(page).UserEmail).ToHaveTextAsync(email);
            await page.GotoAsync("settings/security");
            await Expect(new PasskeysPanel(page).Rows).ToHaveCountAsync(1);
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    private async Task<(IBrowserContext Context, IPage Page)> NewLocalhostContextAsync()
    {
        if (!Portal.IsLocal && Portal.BaseUrl.HostNameType != UriHostNameType.Dns)
            Assert.Skip("Passkeys need a host name (WebAuthn refuses an IP address); E2E_BASE_URL names an address.");
        var localhost = new UriBuilder(Portal.BaseUrl) { Host = Portal.IsLocal ? "localhost" : Portal.BaseUrl.Host }.Uri;
        var context = await Portal.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = localhost.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        return (context, await context.NewPageAsync());
    }

    /// <summary>Chromium's virtual authenticator: a platform authenticator (CTAP2, internal) with resident keys and
    /// user verification that always succeeds, so no prompt waits for a person.</summary>
    private static async Task AddVirtualAuthenticatorAsync(IBrowserContext context, IPage page)
    {
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable", new Dictionary<string, object> { ["enableUI"] = false });
        var added = await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });
        Assert.True(added is { } json && json.TryGetProperty("authenticatorId", out _), "Chromium added no virtual authenticator.");
    }

    [GeneratedRegex(@"https?://[^\s]+/invitations/accept\?token=[A-Za-z0-9_\-%]+")]
    private static partial Regex InvitationLink();
}
