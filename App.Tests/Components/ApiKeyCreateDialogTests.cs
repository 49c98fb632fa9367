using System.Text.RegularExpressions;
using Boltly.Features.ApiKeys.Pages;
using Boltly.Platform.Auth;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using ApiKeysPage = Boltly.Features.ApiKeys.Pages.ApiKeys;

namespace Boltly.Tests.Components;

/// <summary>The create dialog: inline validation with the domain's messages, scopes, expiry, the one-time reveal.</summary>
public sealed class ApiKeyCreateDialogTests(SharedPortal portal) : ApiKeysTestContext(portal)
{
    [Fact]
    public async Task The_create_dialog_validates_inline_with_the_domains_messages()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        OpenCreateDialog(cut, providers);

        // The submit handler awaits the name field's validation: wait for what it renders.
        providers.Find("[data-testid=create-key-form]").Submit();
        providers.WaitForAssertion(() =>
        {
            Assert.Contains("Give the key a name, so you can tell your keys apart.", providers.Markup);
            Assert.Equal("Choose at least one scope.", Text(providers.Find("[data-testid=scopes-error]")));
        });
        Assert.Empty(providers.FindAll("[data-testid=reveal-key-dialog]"));

        providers.Find("#key-name").Input(new string('x', 65));
        providers.WaitForAssertion(() => Assert.Contains("The name can be at most 64 characters.", providers.Markup));
        providers.Find("#key-name").Input("Reporting");
        providers.WaitForAssertion(() => Assert.DoesNotContain("at most 64", providers.Markup));

        ClickScope(providers, ScopeCatalog.InboxRead);
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=scopes-error]")));

        // No expiry is allowed, with a warning; a custom expiry needs its date.
        ChooseExpiry(providers, "none");
        providers.WaitForAssertion(() =>
            Assert.Contains("works until someone revokes it", providers.Find("[data-testid=no-expiry-warning]").TextContent));
        ChooseExpiry(providers, "custom");
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=no-expiry-warning]")));
        providers.Find("[data-testid=create-key-form]").Submit();
        providers.WaitForAssertion(() => Assert.Contains("Pick the date the key expires", providers.Markup));
        Assert.Empty(providers.FindAll("[data-testid=reveal-key-dialog]"));
        Assert.Empty(await Service.ListAllAsync(Owner));
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
        // The toggle's handler runs on the renderer's dispatcher: wait for its render rather than read at once.
        providers.WaitForAssertion(() =>
            Assert.Equal([ScopeCatalog.ContactsRead, ScopeCatalog.ContactsWrite, ScopeCatalog.ContactsManage], Chosen(providers)));
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
        var snackbar = Services.GetRequiredService<ISnackbar>();
        providers.WaitForAssertion(() => Assert.Contains(snackbar.ShownSnackbars, s => s.Message == "Key copied to the clipboard."));

        // The list behind the reveal already shows the key by its prefix, never by its secret.
        cut.WaitForAssertion(() => Assert.Equal(secret[..16] + "…", Text(cut.Find("[data-testid=key-prefix]"))));
        Assert.DoesNotContain(secret, cut.Markup);
        var stored = Assert.Single(await Service.ListAllAsync(Owner));
        Assert.Equal(["contacts:read", "inbox:write"], stored.Scopes);
        Assert.InRange(stored.ExpiresAt!.Value - stored.CreatedAt, TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));

        // The component itself lets go of the secret, not only its markup.
        var reveal = providers.FindComponent<ApiKeyRevealDialog>().Instance;
        Assert.Contains(StringState(reveal), v => v.Contains(secret, StringComparison.Ordinal));
        providers.Find("[data-testid=reveal-done]").Click();
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll("[data-testid=reveal-key-dialog]")));
        Assert.DoesNotContain(StringState(reveal), v => v.Contains(secret, StringComparison.Ordinal));
        Assert.DoesNotContain(StringState(cut.Instance), v => v.Contains(secret, StringComparison.Ordinal));
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
        // Escape was off while the key was being created; after the refusal it closes the dialog again.
        IMudDialogInstance dialog = providers.FindComponent<MudDialogContainer>().Instance;
        Assert.Equal(true, dialog.Options.CloseOnEscapeKey);

        providers.Find("[data-testid=create-key-cancel]").Click();
        cut.WaitForAssertion(() => Assert.Equal("5 of 5 active keys", Text(cut.Find("[data-testid=key-count]"))));
        Assert.NotNull(cut.Find("[data-testid=create-key]").GetAttribute("disabled"));
        Assert.Equal(Service.MaxActive, (await Service.ListAllAsync(Owner)).Count);
    }

    [Theory]
    [InlineData("60d")]
    [InlineData("1y")]
    public async Task A_preset_expiry_is_counted_from_the_moment_of_creation(string preset)
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        OpenCreateDialog(cut, providers);
        providers.Find("#key-name").Input("Preset " + preset);
        ClickScope(providers, ScopeCatalog.ContactsRead);
        ChooseExpiry(providers, preset);

        Func<DateTimeOffset, DateTimeOffset> after = preset == "60d" ? t => t.AddDays(60) : t => t.AddYears(1);
        var summary = providers.WaitForElement("[data-testid=expiry-summary]");
        var shown = DateTimeOffset.ParseExact(Regex.Match(Text(summary), @"^Expires (\d{4}-\d\d-\d\d \d\d:\d\d) UTC\.$").Groups[1].Value,
            "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
        Assert.InRange(shown, after(DateTimeOffset.UtcNow).AddMinutes(-2), after(DateTimeOffset.UtcNow));

        providers.Find("[data-testid=create-key-form]").Submit();
        providers.WaitForElement("[data-testid=revealed-secret]");
        var stored = Assert.Single(await Service.ListAllAsync(Owner));
        Assert.InRange(stored.ExpiresAt!.Value, after(stored.CreatedAt).AddMinutes(-1), after(stored.CreatedAt));
    }

    [Fact]
    public async Task A_custom_date_expires_at_the_end_of_that_day_utc()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        OpenCreateDialog(cut, providers);
        providers.Find("#key-name").Input("Until a date");
        ClickScope(providers, ScopeCatalog.ContactsRead);
        ChooseExpiry(providers, "custom");

        var day = DateTime.UtcNow.Date.AddDays(45);
        providers.WaitForElement("#key-expiry-date").Change(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("end of that day (UTC)", providers.Find("[data-testid=expiry-picker]").TextContent);
        providers.Find("[data-testid=create-key-form]").Submit();

        providers.WaitForElement("[data-testid=revealed-secret]");
        var stored = Assert.Single(await Service.ListAllAsync(Owner));
        // The key works through the whole chosen day and is refused from the next midnight, UTC.
        Assert.Equal(new DateTimeOffset(day.AddDays(1), TimeSpan.Zero), stored.ExpiresAt);
    }

    [Fact]
    public async Task A_custom_date_in_the_past_is_refused_inline_and_no_key_is_made()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        OpenCreateDialog(cut, providers);
        providers.Find("#key-name").Input("Too late");
        ClickScope(providers, ScopeCatalog.ContactsRead);
        ChooseExpiry(providers, "custom");

        var yesterday = DateTime.UtcNow.Date.AddDays(-1);
        providers.WaitForElement("#key-expiry-date").Change(yesterday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        providers.Find("[data-testid=create-key-form]").Submit();

        providers.WaitForAssertion(() => Assert.Equal(ExpiryError(), Text(providers.Find("[data-testid=expiry-error]"))));
        Assert.Empty(providers.FindAll("[data-testid=reveal-key-dialog]"));
        Assert.NotEmpty(providers.FindAll("[data-testid=create-key-form]"));
        Assert.Empty(await Service.ListAllAsync(Owner));
    }

    [Fact]
    public async Task No_expiry_warns_and_makes_a_key_that_never_expires()
    {
        await ArrangeAsync();
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        OpenCreateDialog(cut, providers);
        Assert.Empty(providers.FindAll("[data-testid=no-expiry-warning]"));
        providers.Find("#key-name").Input("Forever");
        ClickScope(providers, ScopeCatalog.ContactsRead);
        ChooseExpiry(providers, "none");

        var warning = providers.WaitForElement("[data-testid=no-expiry-warning]");
        Assert.Contains("A key without an expiry works until someone revokes it", Text(warning));
        Assert.Empty(providers.FindAll("[data-testid=expiry-summary]"));
        providers.Find("[data-testid=create-key-form]").Submit();

        providers.WaitForElement("[data-testid=revealed-secret]");
        Assert.Null(Assert.Single(await Service.ListAllAsync(Owner)).ExpiresAt);
        cut.WaitForAssertion(() => Assert.Equal("never", Text(cut.Find("[data-testid=key-expires]"))));
    }
}
