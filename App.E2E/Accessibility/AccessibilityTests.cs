using System.Text.RegularExpressions;
using Boltly.Components.Layout;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Accessibility;

/// <summary>
/// axe-core's WCAG 2.2 AA rules on every page of the navigation and every dialog and panel state in it, signed
/// in; and the signed-out sign-in pages. One browser session per width walks it all and reports every violation
/// at the end (docs/accessibility.md).
/// </summary>
public abstract partial class AccessibilityTests(PortalUnderTest portal) : BrowserTest(portal)
{
    /// <summary>What to open and scan on each navigation item's page, by its href. A new item in
    /// <see cref="NavigationItems"/> without an entry here fails the test.</summary>
    private static readonly Dictionary<string, Func<Walk, Task>> PageChecks = new()
    {
        [NavigationItems.Dashboard.Href] = DashboardAsync,
        ["/settings/security"] = SecurityAsync,
        ["/settings/password"] = PasswordAsync,
        ["/settings/sessions"] = SessionsAsync,
        ["/settings/api-keys"] = ApiKeysAsync,
        ["/settings/key-policy"] = KeyPolicyAsync,
        ["/settings/members"] = MembersAsync,
        ["/settings/activity"] = ActivityAsync,
        ["/developers/webhooks"] = WebhooksAsync,
        ["/docs"] = ApiReferenceAsync,
    };

    public static void AssertEveryNavigationItemHasACheck()
    {
        var missing = NavigationItems.All.Where(i => !PageChecks.ContainsKey(i.Href)).Select(i => $"{i.Title} ({i.Href})").ToList();
        Assert.True(missing.Count == 0,
            $"Navigation items without an accessibility check: {string.Join(", ", missing)}. Add them to AccessibilityTests.PageChecks.");
        var stale = PageChecks.Keys.Except(NavigationItems.All.Select(i => i.Href)).ToList();
        Assert.True(stale.Count == 0, $"Checks for pages no longer in the navigation: {string.Join(", ", stale)}.");
    }

    protected async Task WalkAsync(string width, int x, int y, bool checkKeyboard)
    {
        AssertEveryNavigationItemHasACheck();
        AccessibilityAudit.DeleteReport(width);
        await Page.SetViewportSizeAsync(x, y);
        var walk = new Walk(Page, new AccessibilityAudit(Page, width, checkKeyboard), await Portal.CreateUserAsync(), Portal);
        try
        {
            await WalkEverythingAsync(walk);
        }
        catch
        {
            walk.Audit.WriteReport(); // what was found before the walk broke off
            throw;
        }
        walk.Audit.AssertClean();
    }

    private async Task WalkEverythingAsync(Walk walk)
    {
        // Signed out: sign-up (and its errors), forgot and reset password, a confirmation link that does not work.
        await Page.GotoAsync("account/signup");
        await walk.Audit.ScanAsync("sign-up");
        await new SignUpPage(Page).FillAsync("A11y", walk.User.Email, "password1234", "password12345");
        await Expect(Page.Locator(".validation-message").First).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("sign-up, refused", walkKeyboard: false);
        await Page.GotoAsync("account/forgot-password");
        await walk.Audit.ScanAsync("forgot password");
        await Page.GotoAsync("account/reset-password?token=not-a-token");
        await walk.Audit.ScanAsync("reset password, link not valid", walkKeyboard: false);
        await Page.GotoAsync("account/confirm-email?token=not-a-token");
        await walk.Audit.ScanAsync("confirm email", walkKeyboard: false);
        // An invitation's page: the choice of a password or a passkey, then the passkey path with a link that does not work
        // (refused before any WebAuthn prompt, so no authenticator is needed).
        await Page.GotoAsync("invitations/accept?token=not-a-token");
        await walk.Audit.ScanAsync("accept invitation");
        await Page.GetByTestId("invitation-passkey-submit").ClickAsync();
        await Expect(Page.GetByTestId("invitation-error")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("accept invitation, link not valid", walkKeyboard: false);

        // Signed out: sign-in, and sign-in with its error.
        var login = new LoginPage(Page);
        await login.GotoAsync();
        await walk.Audit.ScanAsync("sign-in");
        await login.SignInAsync(walk.User.Email, "not-the-password-at-all");
        await Expect(login.Error).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("sign-in, wrong password", walkKeyboard: false);
        await login.SignInAsync(walk.User.Email, walk.User.Password);
        await Expect(new DashboardPage(Page).Title).ToBeVisibleAsync();

        foreach (var item in NavigationItems.All)
        {
            await Page.GotoAsync(item.Href.TrimStart('/'));
            await PageChecks[item.Href](walk);
        }

        // Signed out again, with two-factor on (the Security check turned it on): the second step and its errors.
        await Page.GotoAsync("");
        await new DashboardPage(Page).SignOutAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login"));
        await login.SignInAsync(walk.User.Email, walk.User.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login/2fa"));
        await walk.Audit.ScanAsync("2FA sign-in");
        var second = new TwoFactorLoginPage(Page);
        await second.EnterCodeAsync("12345");
        await Expect(Page.Locator(".validation-message")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("2FA sign-in, malformed code", walkKeyboard: false);
        await Page.GetByTestId("use-recovery-code").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex("/account/login/recovery"));
        await walk.Audit.ScanAsync("recovery-code sign-in");
    }

    private static async Task DashboardAsync(Walk walk)
    {
        await Expect(new DashboardPage(walk.Page).Title).ToBeVisibleAsync();
        await new DashboardPage(walk.Page).WaitForInteractiveAsync();
        await walk.Audit.ScanAsync("dashboard");
    }

    private static async Task SecurityAsync(Walk walk)
    {
        var security = new SecurityPage(walk.Page);
        await Expect(security.Panel).ToHaveAttributeAsync("data-state", "off");
        await walk.Audit.ScanAsync("security, two-factor off");
        await security.StartSetupAsync();
        await Expect(security.QrCode.Locator("svg")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("security, 2FA setup");
        await security.EnableAsync("000000" == SecurityPage.CodeFor((await security.ManualKey.TextContentAsync())!) ? "111111" : "000000");
        await Expect(walk.Page.GetByTestId("two-factor-panel-error")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("security, 2FA setup, wrong code", walkKeyboard: false);
        await security.EnableAsync(SecurityPage.CodeFor((await security.ManualKey.TextContentAsync())!.Trim()));
        await Expect(security.RecoveryCodes).ToHaveCountAsync(10);
        await walk.Audit.ScanAsync("security, recovery codes shown");
    }

    private static async Task PasswordAsync(Walk walk)
    {
        var password = new PasswordPage(walk.Page);
        await walk.Audit.ScanAsync("password");
        await password.ChangeAsync(walk.User.Password, "password1234", "password12345");
        await Expect(password.NewPasswordError.Or(walk.Page.Locator(".validation-message")).First).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("password, refused", walkKeyboard: false);
    }

    private static async Task ApiKeysAsync(Walk walk)
    {
        var page = walk.Page;
        var keys = new ApiKeysPage(page);
        await new DashboardPage(page).WaitForInteractiveAsync();
        await Expect(keys.Empty).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("API keys, none yet");

        await keys.CreateButton.ClickAsync();
        await Expect(keys.CreateDialog).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("create key dialog");
        await keys.SubmitCreateAsync();
        await Expect(page.GetByTestId("scopes-error")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("create key dialog, errors", walkKeyboard: false);
        await page.GetByTestId("create-key-cancel").ClickAsync();
        await Expect(keys.CreateDialog).ToHaveCountAsync(0);

        await keys.FillCreateAsync("Never expires", ["contacts:read", "inbox:read", "templates:read", "tokens:read"], "none");
        await Expect(page.GetByTestId("no-expiry-warning")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("create key dialog, no expiry", walkKeyboard: false);
        await keys.SubmitCreateAsync();
        await Expect(keys.Secret).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("reveal dialog");
        var secret = (await keys.Secret.TextContentAsync())!.Trim();
        await keys.ConfirmStoredAsync();

        // A key about to expire (warning text), one expired (warning chip), one revoked (default chip).
        foreach (var name in new[] { "Expires soon", "Expired", "Revoked" })
        {
            await keys.CreateAsync(name, ["contacts:read"], "7d");
            await keys.ConfirmStoredAsync();
        }
        await using (var scope = walk.Portal.Host!.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.ForAccount(walk.User.AccountId).ApiKeys.Where(k => k.Name == "Expired")
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTimeOffset.UtcNow.AddDays(-1)));
        }
        await keys.Row("Revoked").GetByTestId("revoke-key").ClickAsync();
        await Expect(keys.RevokeDialog).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("revoke dialog");
        await page.GetByTestId("revoke-key-confirm").ClickAsync();
        await Expect(page.Locator(".mud-snackbar")).ToBeVisibleAsync();
        // Snackbars are fully opaque (wwwroot/app.css): a see-through one has less contrast than the theme measured.
        await Expect(page.Locator(".mud-snackbar").First).ToHaveCSSAsync("opacity", "1");
        await walk.Audit.ScanAsync("API keys, revoked (snackbar)", walkKeyboard: false);

        await page.ReloadAsync();
        await new DashboardPage(page).WaitForInteractiveAsync();
        await Expect(keys.Row("Expired").GetByTestId("key-status")).ToHaveTextAsync("expired");
        await Expect(keys.Row("Revoked").GetByTestId("key-status")).ToHaveTextAsync("revoked");
        await walk.Audit.ScanAsync("API keys, list");

        await KeyDetailAsync(walk, keys, "Never expires", secret);
    }

    /// <summary>A key's detail page (reached from the list, so not in the navigation): empty with its first-request
    /// hint; then, after requests with the key, its chart, totals and request log; and the Dashboard's chart.</summary>
    private static async Task KeyDetailAsync(Walk walk, ApiKeysPage keys, string name, string secret)
    {
        var page = walk.Page;
        await keys.Row(name).GetByTestId("key-detail-link").ClickAsync();
        var detail = new ApiKeyDetailPage(page);
        await Expect(detail.Name).ToHaveTextAsync(name);
        await new DashboardPage(page).WaitForInteractiveAsync();
        await Expect(detail.UsageEmpty).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("key detail, no requests");
        var url = page.Url;

        await using (var api = await walk.Portal.Playwright.APIRequest.NewContextAsync(new() { BaseURL = walk.Portal.BaseUrl.ToString() }))
        {
            var headers = new Dictionary<string, string> { ["X-API-Key"] = secret };
            for (var i = 0; i < 3; i++) await api.GetAsync("v1/developer-access/whoami", new() { Headers = headers });
            await api.GetAsync("v1/conversations/not-an-id", new() { Headers = headers });
        }
        // Counted within a minute (docs/usage.md): reload until the chart is there.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(75);
        while (await detail.Chart.CountAsync() == 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The key's requests never showed on its detail page.");
            await Task.Delay(TimeSpan.FromSeconds(2));
            await page.GotoAsync(url);
            await new DashboardPage(page).WaitForInteractiveAsync();
        }
        await Expect(detail.Requests.First).ToBeVisibleAsync();
        await page.GetByTestId("usage-details").Locator("summary").ClickAsync();
        await walk.Audit.ScanAsync("key detail, with usage and requests");
        await detail.FilterAsync("5xx");
        await Expect(detail.RequestsEmpty).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("key detail, no requests with that status", walkKeyboard: false);
        await KeyLifecycleAsync(walk);

        await page.GotoAsync("");
        await new DashboardPage(page).WaitForInteractiveAsync();
        await Expect(page.GetByTestId("busiest-key")).ToHaveCountAsync(1);
        await walk.Audit.ScanAsync("dashboard, with usage");

        await detail.GotoAsync(Guid.NewGuid());
        await Expect(detail.NotFound).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("key detail, not found", walkKeyboard: false);
    }

    private static async Task SessionsAsync(Walk walk)
    {
        await Expect(walk.Page.Locator("[data-current=true]")).ToContainTextAsync("This device");
        await walk.Audit.ScanAsync("sessions");
    }

    private static async Task MembersAsync(Walk walk)
    {
        var page = walk.Page;
        await new DashboardPage(page).WaitForInteractiveAsync();
        await Expect(page.GetByTestId("member-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("invitations-empty")).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("members");
    }

    private static async Task ActivityAsync(Walk walk)
    {
        var rows = walk.Page.Locator("[data-testid=activity-table] tbody tr");
        // A failed sign-in (warning chip) and successes (success chip).
        await Expect(rows.Filter(new() { HasText = "failure" }).First).ToBeVisibleAsync();
        await walk.Audit.ScanAsync("activity");
    }

    /// <summary>Scalar's page, not ours: no MudBlazor, no BoltlyTheme. Its known violations (no lang on html,
    /// its own grey and method colours, a combobox without aria-expanded, 22 px buttons) are listed, not failed;
    /// any other rule fails.</summary>
    private static readonly string[] ApiReferenceKnownRules = ["html-has-lang", "color-contrast", "aria-required-attr", "target-size", "label-content-name-mismatch"];

    private static async Task ApiReferenceAsync(Walk walk)
    {
        await walk.Page.GetByText("Boltly Portal API").First.WaitForAsync();
        await walk.Audit.ScanAsync("API reference (Scalar)", ApiReferenceKnownRules);
    }

    private sealed record Walk(IPage Page, AccessibilityAudit Audit, TestUser User, PortalUnderTest Portal);
}
