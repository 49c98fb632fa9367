using System.Text.Json;
using System.Text.RegularExpressions;
using Boltly.E2E.Infrastructure;
using Boltly.E2E.Pages;
using Boltly.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Boltly.E2E.Flows;

/// <summary>Settings → API Keys as an owner uses it: create, store, call the API with the key, hit the limit, revoke.</summary>
public sealed class ApiKeysFlowTests(PortalUnderTest portal) : BrowserTest(portal)
{
    private const string ScopeA = "contacts:read";
    private const string ScopeB = "inbox:read";

    [Fact]
    public async Task Create_a_key_use_it_fill_the_limit_and_revoke_it()
    {
        var user = await Portal.CreateUserAsync();
        await Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Portal.BaseUrl.GetLeftPart(UriPartial.Authority) });
        var keys = await SignInToApiKeysAsync(Page, user);
        await Expect(keys.Empty).ToBeVisibleAsync();
        await Expect(keys.Count).ToHaveTextAsync("0 of 5 active keys");

        await keys.FillCreateAsync("Integration test", [ScopeA, ScopeB], "30d");
        await SaveScreenshotAsync(Page, "api-keys-create-desktop");
        await keys.SubmitCreateAsync();
        await Expect(keys.Secret).ToBeVisibleAsync();
        var secret = (await keys.Secret.TextContentAsync())!.Trim();
        Assert.Matches("^sk_live_[0-9a-f]{40}$", secret);
        await Expect(keys.RevealDialog).ToContainTextAsync("You won't be able to see this key again");
        await Expect(keys.CurlExample).ToHaveTextAsync($"curl -H \"X-API-Key: {secret}\" {Portal.BaseUrl.ToString().TrimEnd('/')}/v1/developer-access/whoami");
        await SaveScreenshotAsync(Page, "api-keys-reveal-desktop");

        // Neither Escape nor a click beside the dialog closes the reveal.
        await Page.Keyboard.PressAsync("Escape");
        await Page.Mouse.ClickAsync(5, 790);

        // Copy: the clipboard gets the key, a snackbar says so. The circuit handles events in order, so once the
        // snackbar is up the Escape and the click beside the dialog have been handled too.
        await Page.GetByTestId("copy-secret").ClickAsync();
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Key copied to the clipboard.");
        await Expect(keys.Secret).ToHaveTextAsync(secret);
        Assert.Equal(secret, await ReadClipboardAsync(Page));

        // The key works against the API, with exactly the chosen scopes and a 30-day expiry.
        await using var api = await Portal.Playwright.APIRequest.NewContextAsync(new() { BaseURL = Portal.BaseUrl.ToString() });
        var whoami = await WhoAmIAsync(api, secret);
        Assert.Equal(200, whoami.Status);
        using (var body = JsonDocument.Parse(await whoami.TextAsync()))
        {
            var root = body.RootElement;
            Assert.Equal("api_key", root.GetProperty("credential").GetString());
            Assert.Equal([ScopeA, ScopeB], root.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).Order());
            Assert.Equal("Integration test", root.GetProperty("api_key").GetProperty("name").GetString());
            var expires = root.GetProperty("api_key").GetProperty("expires_at").GetDateTimeOffset();
            Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromDays(30) - TimeSpan.FromMinutes(5), TimeSpan.FromDays(30));
        }

        await keys.ConfirmStoredAsync();
        var row = keys.Row("Integration test");
        await Expect(row.GetByTestId("key-prefix")).ToHaveTextAsync(secret[..16] + "…");
        await Expect(row.GetByTestId("key-scope")).ToHaveTextAsync([ScopeA, ScopeB]);
        await Expect(row.GetByTestId("key-expires")).ToHaveTextAsync("in 30 days");
        Assert.DoesNotContain(secret, await Page.ContentAsync());

        // After a reload the secret is nowhere in the page.
        await Page.ReloadAsync();
        await new DashboardPage(Page).WaitForInteractiveAsync();
        await Expect(keys.Count).ToHaveTextAsync("1 of 5 active keys");
        Assert.DoesNotContain(secret, await Page.ContentAsync());
        Assert.DoesNotContain(secret[16..], await Page.ContentAsync());

        // Up to the limit: the button is disabled, with the reason and the way out.
        for (var i = 2; i <= 5; i++)
        {
            await keys.CreateAsync($"Spare {i}", [ScopeB], "7d");
            await keys.ConfirmStoredAsync();
        }
        await Expect(keys.Count).ToHaveTextAsync("5 of 5 active keys");
        await Expect(keys.CreateButton).ToBeDisabledAsync();
        await Expect(keys.LimitReason).ToContainTextAsync("revoke a key you no longer use");
        await Expect(keys.Rows).ToHaveCountAsync(5);
        await SaveScreenshotAsync(Page, "api-keys-list-desktop");

        // Revoke: the confirmation names the key and its prefix; the row turns revoked; the key stops working at once.
        await row.GetByTestId("revoke-key").ClickAsync();
        await Expect(keys.RevokeDialog).ToContainTextAsync("Integration test");
        await Expect(Page.GetByTestId("revoke-key-prefix")).ToHaveTextAsync(secret[..16] + "…");
        await Page.GetByTestId("revoke-key-confirm").ClickAsync();
        await Expect(row.GetByTestId("key-status")).ToHaveTextAsync("revoked");
        Assert.Equal(401, (await WhoAmIAsync(api, secret)).Status);
        await Expect(keys.Count).ToHaveTextAsync("4 of 5 active keys");
        await Expect(keys.CreateButton).ToBeEnabledAsync();
        await Expect(keys.LimitReason).ToHaveCountAsync(0);
        await SaveScreenshotAsync(Page, "api-keys-list-revoked-desktop");

        // The circuit recorded where the owner was: the security events carry the client address.
        await Page.GotoAsync("settings/activity");
        var created = Page.Locator("[data-testid=activity-table] tbody tr").Filter(new() { HasText = "api key created" });
        await Expect(created).ToHaveCountAsync(5);
        await Expect(created.First).ToContainTextAsync("127.0.0.1");
    }

    [Fact]
    public async Task A_second_tab_reaching_the_limit_is_explained_in_the_dialog()
    {
        var user = await Portal.CreateUserAsync();
        var keys = await SignInToApiKeysAsync(Page, user);
        for (var i = 1; i <= 4; i++)
        {
            await keys.CreateAsync($"Key {i}", [ScopeA], "7d");
            await keys.ConfirmStoredAsync();
        }
        await keys.FillCreateAsync("From the first tab", [ScopeA]);

        var other = await Context.NewPageAsync();
        var otherKeys = new ApiKeysPage(other);
        await otherKeys.GotoAsync();
        await new DashboardPage(other).WaitForInteractiveAsync();
        await otherKeys.CreateAsync("From the second tab", [ScopeB]);
        await otherKeys.ConfirmStoredAsync();
        await other.CloseAsync();

        await keys.SubmitCreateAsync();
        await Expect(keys.CreateError).ToContainTextAsync("already has 5 active API keys");
        await Expect(keys.RevealDialog).ToHaveCountAsync(0);
        await Page.GetByTestId("create-key-cancel").ClickAsync();
        await Expect(keys.Count).ToHaveTextAsync("5 of 5 active keys");
        await Expect(keys.CreateButton).ToBeDisabledAsync();
    }

    [Fact]
    public async Task At_phone_width_the_page_the_dialog_and_the_reveal_fit_the_screen()
    {
        var user = await Portal.CreateUserAsync();
        var (context, phone) = await NewContextAsync(390, 844);
        try
        {
            var keys = await SignInToApiKeysAsync(phone, user);
            await SaveScreenshotAsync(phone, "api-keys-empty-phone");
            await keys.FillCreateAsync("Phone key", [ScopeA, ScopeB, "templates:read", "tokens:read"], "90d");
            await SaveScreenshotAsync(phone, "api-keys-create-phone");
            await AssertNoHorizontalScrollAsync(phone, keys.CreateDialog);
            await keys.SubmitCreateAsync();
            await Expect(keys.Secret).ToBeVisibleAsync();
            await SaveScreenshotAsync(phone, "api-keys-reveal-phone");
            await AssertNoHorizontalScrollAsync(phone, keys.RevealDialog);
            await keys.ConfirmStoredAsync();

            await Expect(keys.Row("Phone key").GetByTestId("key-scopes-more")).ToHaveTextAsync("+1");
            await SaveScreenshotAsync(phone, "api-keys-list-phone");
            await AssertNoHorizontalScrollAsync(phone);
            // The row is taller than the screen once stacked: scrolled to, the button is on the screen, not cut off at its side.
            var revoke = keys.Row("Phone key").GetByTestId("revoke-key");
            await revoke.ScrollIntoViewIfNeededAsync();
            await Expect(revoke).ToBeInViewportAsync();
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task Escape_closes_the_create_and_revoke_dialogs_but_not_the_reveal()
    {
        var user = await Portal.CreateUserAsync();
        await Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Portal.BaseUrl.GetLeftPart(UriPartial.Authority) });
        var keys = await SignInToApiKeysAsync(Page, user);

        // Escape in a filled-in create dialog: closed, nothing created.
        await keys.FillCreateAsync("Never made", [ScopeA]);
        await Page.GetByTestId("key-name").FocusAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(keys.CreateDialog).ToHaveCountAsync(0);
        await Expect(keys.Empty).ToBeVisibleAsync();
        await Expect(keys.Count).ToHaveTextAsync("0 of 5 active keys");

        // The reveal stays through Escape: only "I've stored it" ends it.
        var secret = await keys.CreateAsync("Kept", [ScopeA]);
        await Page.Keyboard.PressAsync("Escape");
        await Page.GetByTestId("copy-secret").ClickAsync(); // handled after the Escape: once it answers, so has the Escape
        await Expect(Page.Locator(".mud-snackbar")).ToContainTextAsync("Key copied to the clipboard.");
        await Expect(keys.Secret).ToHaveTextAsync(secret);
        await keys.ConfirmStoredAsync();

        // Escape in the revoke confirmation cancels: the key stays active and keeps working.
        await keys.Row("Kept").GetByTestId("revoke-key").ClickAsync();
        await Expect(keys.RevokeDialog).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("revoke-key-cancel")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(keys.RevokeDialog).ToHaveCountAsync(0);
        await Expect(keys.Row("Kept").GetByTestId("key-status")).ToHaveTextAsync("active");
        await Expect(keys.Count).ToHaveTextAsync("1 of 5 active keys");
        await using var api = await Portal.Playwright.APIRequest.NewContextAsync(new() { BaseURL = Portal.BaseUrl.ToString() });
        Assert.Equal(200, (await WhoAmIAsync(api, secret)).Status);
    }

    [Fact]
    public async Task The_create_dialog_is_usable_from_the_keyboard()
    {
        var user = await Portal.CreateUserAsync();
        var keys = await SignInToApiKeysAsync(Page, user);
        await keys.CreateButton.FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(keys.CreateDialog).ToBeVisibleAsync();
        // Focus moves into the dialog, to the name.
        await Expect(Page.GetByTestId("key-name")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Keyboard key");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByTestId("scopes-error")).ToHaveTextAsync("Choose at least one scope.");

        await Page.GetByTestId("preset-read-only").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByTestId("scope-contacts:read")).ToBeCheckedAsync();
        await Expect(Page.GetByTestId("scope-contacts:write")).Not.ToBeCheckedAsync();
        await Page.GetByTestId("create-key-submit").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(keys.Secret).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("copy-secret")).ToBeFocusedAsync();
        await Page.GetByTestId("reveal-done").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(keys.RevealDialog).ToHaveCountAsync(0);
        await Expect(keys.Row("Keyboard key").GetByTestId("key-status")).ToHaveTextAsync("active");

        // Revoke from the keyboard: the confirmation opens on Cancel, the safe choice.
        await keys.Row("Keyboard key").GetByTestId("revoke-key").FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByTestId("revoke-key-cancel")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByTestId("revoke-key-confirm")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(keys.Row("Keyboard key").GetByTestId("key-status")).ToHaveTextAsync("revoked");
    }

    private static async Task<ApiKeysPage> SignInToApiKeysAsync(IPage page, TestUser user)
    {
        var login = new LoginPage(page);
        await login.GotoAsync("/settings/api-keys");
        await login.SignInAsync(user.Email, user.Password);
        await Expect(page).ToHaveURLAsync(new Regex("/settings/api-keys$"));
        await new DashboardPage(page).WaitForInteractiveAsync();
        return new ApiKeysPage(page);
    }

    private static Task<IAPIResponse> WhoAmIAsync(IAPIRequestContext api, string key) =>
        api.GetAsync("v1/developer-access/whoami", new() { Headers = new Dictionary<string, string> { ["X-API-Key"] = key } });

    /// <summary>Nothing scrolls sideways: not the page, and not an open dialog (which is fixed-position, so its
    /// overflow would not show in the page's width): the dialog lies within the screen and its content fits it.</summary>
    private static async Task AssertNoHorizontalScrollAsync(IPage page, ILocator? dialogContent = null)
    {
        var (scroll, client) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"),
            await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
        Assert.True(scroll <= client, $"The page scrolls sideways at phone width ({scroll} > {client}).");
        if (dialogContent is null) return;

        await Expect(dialogContent).ToBeVisibleAsync();
        var dialog = await dialogContent.EvaluateAsync<JsonElement>("""
            el => {
              const dialog = el.closest('.mud-dialog'), box = dialog.getBoundingClientRect();
              const content = dialog.querySelector('.mud-dialog-content');
              return { left: box.left, right: box.right, overflow: content.scrollWidth - content.clientWidth };
            }
            """);
        var (left, right, overflow) = (dialog.GetProperty("left").GetDouble(), dialog.GetProperty("right").GetDouble(),
            dialog.GetProperty("overflow").GetDouble());
        Assert.True(left >= 0 && right <= client, $"The dialog reaches beyond the screen ({left}..{right} of {client}).");
        Assert.True(overflow <= 0, $"The dialog's content scrolls sideways by {overflow} px.");
    }

    /// <summary>Reads the clipboard as the page sees it. Chromium answers only a focused document (headless, a
    /// page can lose focus to another): bring the page to the front and ask again until it answers.</summary>
    private static async Task<string> ReadClipboardAsync(IPage page)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await page.BringToFrontAsync();
            try
            {
                return await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200); // a retry's pause, not a wait for time to pass
            }
        }
    }
}
