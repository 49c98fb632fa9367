using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Accessibility;

/// <summary>The keyboard paths a person without a mouse takes: the skip link, and the API-key dialogs, which keep
/// focus inside while open and give it back to the button that opened them (docs/accessibility.md).</summary>
public sealed class KeyboardAccessibilityTests(PortalUnderTest portal) : BrowserTest(portal)
{
    [Fact]
    public async Task The_skip_link_is_the_first_stop_and_moves_focus_to_the_main_content()
    {
        var user = await Portal.CreateUserAsync();
        var login = new LoginPage(Page);
        await login.GotoAsync("/settings/security");
        await login.SignInAsync(user.Email, user.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/settings/security$"));
        var skip = Page.GetByTestId("skip-link");
        await Expect(skip).ToHaveTextAsync("Skip to main content");
        await Expect(skip).Not.ToBeInViewportAsync();

        // A statically rendered page. Blazor puts focus on the page's heading at load (FocusOnNavigate): from the
        // top of the page, the first Tab lands on the link.
        await AccessibilityAudit.FocusTopOfDocumentAsync(Page);
        await Page.Keyboard.PressAsync("Tab");
        await Expect(skip).ToBeFocusedAsync();
        await SaveScreenshotAsync(Page, "skip-link-focused-desktop");
        await FollowSkipLinkAsync(skip, "/settings/security$");

        // An interactive page (the router would take the fragment for a page change): from the top of the page.
        await Page.GotoAsync("settings/api-keys");
        await new DashboardPage(Page).WaitForInteractiveAsync();
        await AccessibilityAudit.FocusTopOfDocumentAsync(Page);
        await Page.Keyboard.PressAsync("Tab");
        await FollowSkipLinkAsync(skip, "/settings/api-keys$");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "API keys", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_key_dialogs_keep_focus_inside_and_return_it_to_their_opener()
    {
        var user = await Portal.CreateUserAsync();
        var login = new LoginPage(Page);
        await login.GotoAsync("/settings/api-keys");
        await login.SignInAsync(user.Email, user.Password);
        await Expect(Page).ToHaveURLAsync(new Regex("/settings/api-keys$"));
        await new DashboardPage(Page).WaitForInteractiveAsync();
        var keys = new ApiKeysPage(Page);

        // Reach "Create API key" with Tab alone, from the top of the page.
        await AccessibilityAudit.FocusTopOfDocumentAsync(Page);
        await TabUntilFocusedAsync(keys.CreateButton);
        await AssertFocusRingAsync(keys.CreateButton);

        // Enter opens the dialog on the name; Tab and Shift+Tab go round inside it; Escape closes it and focus is
        // back on the button.
        await Page.Keyboard.PressAsync("Enter");
        await Expect(keys.CreateDialog).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("key-name")).ToBeFocusedAsync();
        await AssertTabStaysInsideDialogAsync("Tab");
        await AssertTabStaysInsideDialogAsync("Shift+Tab");
        await TabUntilFocusedAsync(Page.GetByTestId("scope-contacts:read"));
        await SaveScreenshotAsync(Page, "api-keys-create-focus-ring-desktop");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(keys.CreateDialog).ToHaveCountAsync(0);
        await Expect(keys.CreateButton).ToBeFocusedAsync();

        // Create a key from the keyboard; the reveal opens on "Copy key", traps focus too, and "I've stored it"
        // gives focus back to the button that started it all.
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByTestId("key-name")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Keyboard key");
        await TabUntilFocusedAsync(Page.GetByTestId("preset-read-only"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByTestId("scope-contacts:read")).ToBeCheckedAsync();
        await TabUntilFocusedAsync(Page.GetByTestId("create-key-submit"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(keys.Secret).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("copy-secret")).ToBeFocusedAsync();
        await AssertTabStaysInsideDialogAsync("Tab");
        await Page.Keyboard.PressAsync("Escape"); // the reveal ignores Escape
        await Expect(keys.RevealDialog).ToBeVisibleAsync();
        await TabUntilFocusedAsync(Page.GetByTestId("reveal-done"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(keys.RevealDialog).ToHaveCountAsync(0);
        await Expect(keys.CreateButton).ToBeFocusedAsync();

        // Revoke: Escape (Cancel) returns focus to the row's Revoke button; a confirmed revocation removes that
        // button, so focus goes to "Create API key".
        var revoke = keys.Row("Keyboard key").GetByTestId("revoke-key");
        await TabUntilFocusedAsync(revoke);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByTestId("revoke-key-cancel")).ToBeFocusedAsync();
        await AssertTabStaysInsideDialogAsync("Tab");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(keys.RevokeDialog).ToHaveCountAsync(0);
        await Expect(revoke).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByTestId("revoke-key-cancel")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByTestId("revoke-key-confirm")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(keys.Row("Keyboard key").GetByTestId("key-status")).ToHaveTextAsync("revoked");
        await Expect(keys.CreateButton).ToBeFocusedAsync();
    }

    private async Task FollowSkipLinkAsync(ILocator skip, string urlPattern)
    {
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await AssertFocusRingAsync(skip);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("main#main-content")).ToBeFocusedAsync();
        await Expect(Page).ToHaveURLAsync(new Regex(urlPattern));
        await Expect(skip).Not.ToBeInViewportAsync();
        // The next Tab goes to the page's own content, past the app bar and the navigation.
        await Page.Keyboard.PressAsync("Tab");
        Assert.True(await Page.EvaluateAsync<bool>("() => document.activeElement?.closest('main#main-content') !== null"),
            "After the skip link, Tab should land inside the main content.");
        Assert.Equal(1, await Page.Locator("main").CountAsync());
    }

    /// <summary>Presses Tab until the target has focus: it must be reachable with the keyboard alone.</summary>
    private async Task TabUntilFocusedAsync(ILocator target, int maxPresses = 60)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement")) return;
            await Page.Keyboard.PressAsync("Tab");
        }
        await Expect(target).ToBeFocusedAsync(new() { Timeout = 1 });
    }

    /// <summary>Presses the key once more than the dialog has controls, twice: focus has to wrap round at least once.</summary>
    private async Task AssertTabStaysInsideDialogAsync(string key)
    {
        var controls = await Page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('.mud-dialog-container .mud-dialog :is(a[href], button, input, select, textarea, [tabindex])')]
              .filter(el => el.tabIndex >= 0 && !el.disabled).length
            """);
        Assert.True(controls > 0, "No open dialog with controls.");
        for (var i = 0; i < controls + 2; i++)
        {
            await Page.Keyboard.PressAsync(key);
            var where = await Page.EvaluateAsync<string?>("""
                () => { const a = document.activeElement;
                        return a?.closest('.mud-dialog-container') ? null : (a?.outerHTML.slice(0, 120) ?? 'nothing'); }
                """);
            Assert.True(where is null, $"{key} number {i + 1} left the open dialog, to {where}.");
        }
    }

    private static async Task AssertFocusRingAsync(ILocator focused)
    {
        var (style, width) = (await focused.EvaluateAsync<string>("el => getComputedStyle(el).outlineStyle"),
            await focused.EvaluateAsync<string>("el => getComputedStyle(el).outlineWidth"));
        Assert.True(style != "none" && double.Parse(width.Replace("px", ""), System.Globalization.CultureInfo.InvariantCulture) >= 2,
            $"The focused element shows no focus ring (outline {style} {width}).");
    }
}
