using System.Text.RegularExpressions;
using Bunit;
using Boltly.Components.Pages.Settings;
using Boltly.Domain.ApiKeys;
using Boltly.Domain.Auth;
using Boltly.Domain.Security;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ApiKeysPage = Boltly.Components.Pages.Settings.ApiKeys;

namespace Boltly.Tests.Components;

/// <summary>
/// Settings → API Keys rendered by bunit against the real <see cref="ApiKeyService"/> on the test database
/// (a fresh account per test): the 5-key rule and the validation messages are the domain's own.
/// </summary>
public sealed class ApiKeysPageTests(SharedPortal portal) : DashboardTestContext
{
    private AsyncServiceScope? _hostScope;
    private TestUser _user = null!;
    private Caller _caller = null!;

    private ApiKeyService Service => Services.GetRequiredService<ApiKeyService>();

    [Fact]
    public async Task An_empty_account_is_invited_to_create_its_first_key()
    {
        await ArrangeAsync();
        var cut = Render<ApiKeysPage>();

        cut.WaitForElement("[data-testid=keys-empty]");
        Assert.Equal("0 of 5 active keys", Text(cut.Find("[data-testid=key-count]")));
        Assert.Contains("No API keys yet", cut.Find("[data-testid=keys-empty]").TextContent);
        Assert.Null(cut.Find("[data-testid=create-first-key]").GetAttribute("disabled"));
        Assert.Null(cut.Find("[data-testid=create-key]").GetAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=key-limit-reason]"));
        Assert.Empty(cut.FindAll("[data-testid=keys-table]"));
    }

    [Fact]
    public async Task The_list_shows_active_and_revoked_keys_and_can_show_active_ones_only()
    {
        await ArrangeAsync();
        var kept = await CreateKeyAsync("CRM sync", [ScopeCatalog.ContactsRead, ScopeCatalog.ContactsWrite]);
        var gone = await CreateKeyAsync("Old importer", [ScopeCatalog.InboxRead]);
        await Service.RevokeAsync(_caller, gone.Key.Id, ClientInfo.Unknown);

        var cut = Render<ApiKeysPage>();
        cut.WaitForElement("[data-testid=keys-table]");

        Assert.Equal("1 of 5 active keys", Text(cut.Find("[data-testid=key-count]")));
        Assert.Equal(["Old importer", "CRM sync"], cut.FindAll("[data-testid=key-row-name]").Select(Text));
        Assert.Equal([ApiKeyStatus.Revoked, ApiKeyStatus.Active], cut.FindAll("[data-testid=key-status]").Select(Text));
        Assert.Equal(kept.Key.Prefix + "…", Text(cut.FindAll("[data-testid=key-prefix]")[1]));
        Assert.Equal(["never", "never"], cut.FindAll("[data-testid=key-last-used]").Select(Text));
        // Only the active key can be revoked.
        Assert.Single(cut.FindAll("[data-testid=revoke-key]"));

        cut.Find("input[data-testid=active-only]").Change(true);
        cut.WaitForAssertion(() => Assert.Equal(["CRM sync"], cut.FindAll("[data-testid=key-row-name]").Select(Text)));
    }

    [Fact]
    public void The_table_shows_statuses_scope_chips_expiry_warning_and_last_use()
    {
        SignIn();
        var now = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.Zero);
        ApiKey[] keys =
        [
            Key("Everything", now.AddDays(-10), ScopeCatalog.Names.ToArray(), expires: null, lastUsed: now.AddMinutes(-5)),
            Key("Soon", now.AddDays(-1), [ScopeCatalog.ContactsRead], expires: now.AddDays(3)),
            Key("Later", now.AddDays(-1), [ScopeCatalog.ContactsRead, ScopeCatalog.InboxRead, ScopeCatalog.TemplatesRead], expires: now.AddDays(30)),
            Key("Lapsed", now.AddDays(-40), [ScopeCatalog.InboxRead], expires: now.AddDays(-2)),
            Key("Pulled", now.AddDays(-3), [ScopeCatalog.InboxRead], expires: now.AddDays(2), revoked: now.AddDays(-1)),
        ];
        var cut = Render<ApiKeysTable>(p => p.Add(t => t.Keys, keys).Add(t => t.Now, now));

        Assert.Equal(["active", "active", "active", "expired", "revoked"], cut.FindAll("[data-testid=key-status]").Select(Text));
        var rows = cut.FindAll("tbody tr");

        // Past three scopes the rest collapse into "+N", which names them.
        Assert.Equal(3, rows[0].QuerySelectorAll("[data-testid=key-scope]").Length);
        var more = rows[0].QuerySelector("[data-testid=key-scopes-more]")!;
        Assert.Equal($"+{ScopeCatalog.Names.Count - 3}", Text(more));
        Assert.Contains(ScopeCatalog.TokensCreate, more.GetAttribute("aria-label"));
        Assert.Equal(3, rows[2].QuerySelectorAll("[data-testid=key-scope]").Length);
        Assert.Null(rows[2].QuerySelector("[data-testid=key-scopes-more]"));

        // Expiry: relative, absolute on hover, the warning colour within 7 days for an active key only.
        var expires = cut.FindAll("[data-testid=key-expires]");
        Assert.Equal("never", Text(expires[0]));
        Assert.Equal("in 3 days", Text(expires[1]));
        Assert.Equal("true", expires[1].QuerySelector("time")!.GetAttribute("data-expiring-soon"));
        Assert.Contains("mud-warning-text", expires[1].QuerySelector("time")!.ClassName);
        Assert.DoesNotContain("mud-warning-text", expires[2].QuerySelector("time")!.ClassName);
        Assert.Equal("2030-06-04 12:00 UTC", expires[1].QuerySelector("time")!.GetAttribute("title"));
        Assert.Equal("in 30 days", Text(expires[2]));
        Assert.Equal("false", expires[2].QuerySelector("time")!.GetAttribute("data-expiring-soon"));
        Assert.Equal("2 days ago", Text(expires[3]));
        Assert.Equal("false", expires[3].QuerySelector("time")!.GetAttribute("data-expiring-soon"));
        Assert.Equal("false", expires[4].QuerySelector("time")!.GetAttribute("data-expiring-soon"));

        Assert.Equal(["5 minutes ago", "never", "never", "never", "never"], cut.FindAll("[data-testid=key-last-used]").Select(Text));
        Assert.Equal(3, cut.FindAll("[data-testid=revoke-key]").Count);
        // Phone width: every cell carries its label.
        Assert.Contains(cut.FindAll("td"), td => td.GetAttribute("data-label") == "Expires");
    }

    [Fact]
    public async Task At_the_limit_the_create_button_is_disabled_with_the_reason_until_a_key_is_revoked()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        for (var i = 1; i <= Service.MaxActive; i++) await CreateKeyAsync($"Key {i}", [ScopeCatalog.ContactsRead]);

        var cut = Render<ApiKeysPage>();
        cut.WaitForElement("[data-testid=keys-table]");
        Assert.Equal("5 of 5 active keys", Text(cut.Find("[data-testid=key-count]")));
        var create = cut.Find("[data-testid=create-key]");
        Assert.NotNull(create.GetAttribute("disabled"));
        Assert.Equal("key-limit-reason", create.GetAttribute("aria-describedby"));
        Assert.Contains("revoke a key you no longer use", Text(cut.Find("[data-testid=key-limit-reason]")));

        cut.FindAll("[data-testid=revoke-key]")[0].Click();
        var dialog = providers.WaitForElement("[data-testid=revoke-key-dialog]");
        Assert.Contains("Key 5", dialog.TextContent);
        Assert.Equal(Text(cut.FindAll("[data-testid=key-prefix]")[0]), Text(providers.Find("[data-testid=revoke-key-prefix]")));
        providers.Find("[data-testid=revoke-key-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal("4 of 5 active keys", Text(cut.Find("[data-testid=key-count]"))));
        Assert.Null(cut.Find("[data-testid=create-key]").GetAttribute("disabled"));
        Assert.Empty(cut.FindAll("[data-testid=key-limit-reason]"));
        Assert.Equal("revoked", Text(cut.FindAll("[data-testid=key-status]")[0]));
    }

    [Fact]
    public async Task The_create_dialog_validates_inline_with_the_domains_messages()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        OpenCreateDialog(cut, providers);

        providers.Find("[data-testid=create-key-form]").Submit();
        Assert.Contains("Give the key a name, so you can tell your keys apart.", providers.Markup);
        Assert.Equal("Choose at least one scope.", Text(providers.Find("[data-testid=scopes-error]")));
        Assert.Empty(providers.FindAll("[data-testid=reveal-key-dialog]"));

        providers.Find("#key-name").Input(new string('x', 65));
        Assert.Contains("The name can be at most 64 characters.", providers.Markup);
        providers.Find("#key-name").Input("Reporting");
        Assert.DoesNotContain("at most 64", providers.Markup);

        ClickScope(providers, ScopeCatalog.InboxRead);
        Assert.Empty(providers.FindAll("[data-testid=scopes-error]"));

        // No expiry is allowed, with a warning; a custom expiry needs its date.
        ChooseExpiry(providers, "none");
        Assert.Contains("works until someone revokes it", providers.Find("[data-testid=no-expiry-warning]").TextContent);
        ChooseExpiry(providers, "custom");
        Assert.Empty(providers.FindAll("[data-testid=no-expiry-warning]"));
        providers.Find("[data-testid=create-key-form]").Submit();
        Assert.Contains("Pick the date the key expires", providers.Markup);
        Assert.Empty(providers.FindAll("[data-testid=reveal-key-dialog]"));
        Assert.Empty(await Service.ListAllAsync(_caller));
    }

    [Fact]
    public async Task Group_toggles_and_presets_choose_scopes_from_the_catalog()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        OpenCreateDialog(cut, providers);

        // Every group of the catalog, each scope with its description.
        Assert.Equal(ScopeCatalog.Groups, providers.FindAll("[data-testid=scope-group]").Select(g => g.GetAttribute("data-group")));
        foreach (var scope in ScopeCatalog.All)
            Assert.Contains(scope.Description, providers.Find($"input[data-testid='scope-{scope.Name}']").Closest("label")!.TextContent);

        ToggleGroup(providers, "contacts");
        Assert.Equal([ScopeCatalog.ContactsRead, ScopeCatalog.ContactsWrite, ScopeCatalog.ContactsManage], Chosen(providers));
        ToggleGroup(providers, "contacts");
        Assert.Empty(Chosen(providers));

        ClickScope(providers, ScopeCatalog.BroadcastsSend);
        Assert.Contains("mud-checkbox-null", GroupToggleMarkup(providers, "broadcasts"), StringComparison.Ordinal);
        ToggleGroup(providers, "broadcasts");
        Assert.Equal([ScopeCatalog.BroadcastsRead, ScopeCatalog.BroadcastsCreate, ScopeCatalog.BroadcastsSend], Chosen(providers));

        providers.Find("[data-testid=preset-read-only]").Click();
        Assert.Equal(ScopeCatalog.All.Where(s => s.ReadOnly).Select(s => s.Name), Chosen(providers));

        providers.Find("[data-testid=preset-full-access]").Click();
        Assert.Equal(ScopeCatalog.All.Select(s => s.Name), Chosen(providers));

        providers.Find("[data-testid=preset-clear]").Click();
        Assert.Empty(Chosen(providers));
    }

    [Fact]
    public async Task The_secret_is_revealed_once_then_is_gone_from_the_page()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        OpenCreateDialog(cut, providers);

        providers.Find("#key-name").Input("Billing sync");
        ClickScope(providers, ScopeCatalog.ContactsRead);
        ClickScope(providers, ScopeCatalog.InboxWrite);
        ChooseExpiry(providers, "7d");
        providers.Find("[data-testid=create-key-form]").Submit();

        var secretElement = providers.WaitForElement("[data-testid=revealed-secret]");
        var secret = Text(secretElement);
        Assert.Matches(new Regex("^sk_live_[0-9a-f]{40}$"), secret);
        Assert.Contains("You won't be able to see this key again", providers.Find("[data-testid=reveal-warning]").TextContent);
        var curl = Text(providers.Find("[data-testid=curl-example]"));
        Assert.Equal($"curl -H \"X-API-Key: {secret}\" {Services.GetRequiredService<NavigationManager>().BaseUri.TrimEnd('/')}/v1/developer-access/whoami", curl);

        // The reveal has no close button: only "I've stored it" ends it.
        Assert.Empty(providers.FindAll("[data-testid=reveal-key-dialog] .mud-button-close"));
        providers.Find("[data-testid=copy-secret]").Click();
        // The click is dispatched through the renderer, which may still be busy with the reveal: wait for it.
        providers.WaitForAssertion(() => Assert.Contains(JSInterop.Invocations, i => i.Identifier == "boltly.copyText"));
        var snackbar = Services.GetRequiredService<MudBlazor.ISnackbar>();
        providers.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Message == "Key copied to the clipboard."));

        // The list behind the reveal already shows the key by its prefix, never by its secret.
        cut.WaitForAssertion(() => Assert.Equal(secret[..16] + "…", Text(cut.Find("[data-testid=key-prefix]"))));
        Assert.DoesNotContain(secret, cut.Markup);
        var stored = Assert.Single(await Service.ListAllAsync(_caller));
        Assert.Equal(["contacts:read", "inbox:write"], stored.Scopes);
        Assert.InRange(stored.ExpiresAt!.Value - stored.CreatedAt, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

        providers.Find("[data-testid=reveal-done]").Click();
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=reveal-key-dialog]")));
        Assert.DoesNotContain(secret, providers.Markup);
        Assert.DoesNotContain(secret, cut.Markup);
        Assert.Equal("1 of 5 active keys", Text(cut.Find("[data-testid=key-count]")));
    }

    [Fact]
    public async Task A_refusal_from_the_server_is_shown_in_the_dialog_without_losing_the_page()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        for (var i = 1; i < Service.MaxActive; i++) await CreateKeyAsync($"Key {i}", [ScopeCatalog.ContactsRead]);
        var cut = Render<ApiKeysPage>();
        cut.WaitForElement("[data-testid=keys-table]");
        OpenCreateDialog(cut, providers);
        providers.Find("#key-name").Input("One too many");
        ClickScope(providers, ScopeCatalog.ContactsRead);

        // Meanwhile another tab takes the last free place.
        await CreateKeyAsync("From another tab", [ScopeCatalog.InboxRead]);
        providers.Find("[data-testid=create-key-form]").Submit();

        var error = providers.WaitForElement("[data-testid=create-key-error]");
        Assert.Equal(new KeyLimitReachedException(Service.MaxActive).Message, Text(error));
        Assert.Empty(providers.FindAll("[data-testid=reveal-key-dialog]"));

        providers.Find("[data-testid=create-key-cancel]").Click();
        cut.WaitForAssertion(() => Assert.Equal("5 of 5 active keys", Text(cut.Find("[data-testid=key-count]"))));
        Assert.NotNull(cut.Find("[data-testid=create-key]").GetAttribute("disabled"));
        Assert.Equal(Service.MaxActive, (await Service.ListAllAsync(_caller)).Count);
    }

    /// <summary>A fresh account, signed in; the page gets the host's real ApiKeyService (same database, same rules).</summary>
    private async Task ArrangeAsync()
    {
        _user = await TestUser.CreateAsync(portal.Host);
        _caller = new Caller(_user.AccountId, _user.UserId, CredentialKind.Cookie, new HashSet<string>(), null);
        _hostScope = portal.Host.Services.CreateAsyncScope();
        Services.AddFallbackServiceProvider(_hostScope.Value.ServiceProvider);
        SignIn(_user.Email, userId: _user.UserId, accountId: _user.AccountId);
    }

    private Task<CreatedApiKey> CreateKeyAsync(string name, string[] scopes) =>
        Service.CreateAsync(_caller, new NewApiKey(name, scopes, null), ClientInfo.Unknown);

    private static void OpenCreateDialog(IRenderedComponent<ApiKeysPage> cut, IRenderedComponent<MudBlazor.MudDialogProvider> providers)
    {
        // Not awaited: the handler awaits the dialog's result.
        cut.WaitForElement("[data-testid=create-key]:not([disabled])").Click();
        providers.WaitForElement("[data-testid=create-key-form]");
    }

    private static void ClickScope(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string scope)
    {
        var input = providers.Find($"input[data-testid='scope-{scope}']");
        input.Change(!IsChecked(input));
    }

    private static void ToggleGroup(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string group) =>
        providers.Find($"input[data-testid=scope-group-{group}]").Change(true);

    private static string GroupToggleMarkup(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string group) =>
        providers.Find($"input[data-testid=scope-group-{group}]").ParentElement!.ClassName!;

    private static void ChooseExpiry(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string id) =>
        providers.Find($"input[data-testid=expiry-{id}]").Click();

    private static List<string?> Chosen(IRenderedComponent<MudBlazor.MudDialogProvider> providers) =>
        providers.FindAll("input[data-scope]").Where(IsChecked).Select(e => e.GetAttribute("data-scope")).ToList();

    /// <summary>MudCheckBox shows its state as a class on the input's wrapper.</summary>
    private static bool IsChecked(AngleSharp.Dom.IElement input) => input.ParentElement!.ClassList.Contains("mud-checkbox-true");

    private static ApiKey Key(string name, DateTimeOffset created, string[] scopes, DateTimeOffset? expires,
        DateTimeOffset? lastUsed = null, DateTimeOffset? revoked = null) => new()
    {
        Name = name, Prefix = "sk_live_" + Guid.NewGuid().ToString("N")[..8], KeyHash = new string('0', 64), Scopes = scopes,
        CreatedAt = created, ExpiresAt = expires, LastUsedAt = lastUsed, RevokedAt = revoked,
    };

    private static string Text(AngleSharp.Dom.IElement element) => Regex.Replace(element.TextContent, @"\s+", " ").Trim();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (_hostScope is { } scope) await scope.DisposeAsync();
    }
}
