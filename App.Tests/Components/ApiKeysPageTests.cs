using Boltly.Features.ApiKeys.Pages;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ApiKeysPage = Boltly.Features.ApiKeys.Pages.ApiKeys;

namespace Boltly.Tests.Components;

/// <summary>The list, the limit, revoking, and a database that fails the first load.</summary>
public sealed class ApiKeysPageTests(SharedPortal portal) : ApiKeysTestContext(portal)
{
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
        await Service.RevokeAsync(Owner, gone.Key.Id, ClientInfo.Unknown);

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
    public async Task A_database_failure_on_first_load_shows_an_error_and_try_again_loads_the_keys()
    {
        var database = new SwitchableDbContexts(Portal.Host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>());
        await ArrangeAsync(database);
        await CreateKeyAsync("Made before the outage", [ScopeCatalog.ContactsRead]);

        database.Unreachable = true;
        var cut = Render<ApiKeysPage>();

        // The circuit lives on: an error with a way out, and no claim that the account has no keys.
        var error = cut.WaitForElement("[data-testid=keys-load-error]");
        Assert.Equal("alert", error.GetAttribute("role"));
        Assert.Contains("could not be loaded just now", Text(error));
        Assert.Empty(cut.FindAll("[data-testid=keys-empty]"));
        Assert.Empty(cut.FindAll("[data-testid=key-count]"));
        Assert.Empty(cut.FindAll("[data-testid=create-key]"));

        database.Unreachable = false;
        cut.Find("[data-testid=keys-retry]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["Made before the outage"], cut.FindAll("[data-testid=key-row-name]").Select(Text)));
        Assert.Equal("1 of 5 active keys", Text(cut.Find("[data-testid=key-count]")));
        Assert.Empty(cut.FindAll("[data-testid=keys-load-error]"));
    }

    [Fact]
    public async Task With_every_key_revoked_active_only_says_there_are_no_active_keys()
    {
        await ArrangeAsync();
        foreach (var name in new[] { "First", "Second" })
        {
            var created = await CreateKeyAsync(name, [ScopeCatalog.ContactsRead]);
            await Service.RevokeAsync(Owner, created.Key.Id, ClientInfo.Unknown);
        }
        var cut = Render<ApiKeysPage>();
        cut.WaitForElement("[data-testid=keys-table]");
        Assert.Empty(cut.FindAll("[data-testid=keys-none-active]"));

        cut.Find("input[data-testid=active-only]").Change(true);
        var none = cut.WaitForElement("[data-testid=keys-none-active]");
        Assert.Contains("No active keys", Text(none));
        Assert.Empty(cut.FindAll("[data-testid=keys-table]"));
        // Revoked keys are not "no keys at all": the first-key invitation stays away.
        Assert.Empty(cut.FindAll("[data-testid=keys-empty]"));
        Assert.Equal("0 of 5 active keys", Text(cut.Find("[data-testid=key-count]")));

        cut.Find("input[data-testid=active-only]").Change(false);
        cut.WaitForAssertion(() => Assert.Equal(["Second", "First"], cut.FindAll("[data-testid=key-row-name]").Select(Text)));
        Assert.Empty(cut.FindAll("[data-testid=keys-none-active]"));
    }

    [Fact]
    public async Task Cancel_in_the_revoke_dialog_leaves_the_key_active()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        var key = await CreateKeyAsync("Keep me", [ScopeCatalog.ContactsRead]);
        var cut = Render<ApiKeysPage>();
        cut.WaitForElement("[data-testid=keys-table]");

        cut.Find("[data-testid=revoke-key]").Click();
        providers.WaitForElement("[data-testid=revoke-key-dialog]");
        providers.Find("[data-testid=revoke-key-cancel]").Click();

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=revoke-key-dialog]")));
        Assert.Equal("active", Text(cut.Find("[data-testid=key-status]")));
        Assert.Equal("1 of 5 active keys", Text(cut.Find("[data-testid=key-count]")));
        Assert.Null(Assert.Single(await Service.ListAllAsync(Owner), k => k.Id == key.Key.Id).RevokedAt);
        Assert.Equal(1, await Service.CountActiveAsync(Owner));
    }


    private static ApiKey Key(string name, DateTimeOffset created, string[] scopes, DateTimeOffset? expires,
        DateTimeOffset? lastUsed = null, DateTimeOffset? revoked = null) => new()
    {
        Name = name, Prefix = "sk_live_" + Guid.NewGuid().ToString("N")[..8], KeyHash = new string('0', 64), Scopes = scopes,
        CreatedAt = created, ExpiresAt = expires, LastUsedAt = lastUsed, RevokedAt = revoked,
    };
}
