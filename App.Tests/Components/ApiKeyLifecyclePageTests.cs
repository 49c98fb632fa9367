using Boltly.Features.ApiKeys.Pages;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Components;

/// <summary>A key's lifecycle on its page (bunit, the real ApiKeyService, ApiKeyRolls and request-log reader): rolling
/// with a grace and the new secret revealed once, the rolling key's "still in use" panel, ending the grace, and the
/// allowlist editor.</summary>
public sealed class ApiKeyLifecyclePageTests : ApiKeysTestContext
{
    // The host's reader (AddBoltlyUsage registers it), on the host's database.
    public ApiKeyLifecyclePageTests(SharedPortal portal) : base(portal) =>
        Services.AddSingleton(_ => portal.Host.Services.GetRequiredService<IApiKeyUse>());

    private ApiKeyRolls Rolls => Services.GetRequiredService<ApiKeyRolls>();

    private async Task LogAsync(ApiKey key, DateTimeOffset at, string address, string userAgent, int status = 200)
    {
        await using var scope = Portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.RequestLog.Add(new LoggedRequest
        {
            AccountId = key.AccountId, ApiKeyId = key.Id, At = at, Method = "GET", Path = "/v1/contacts", Status = status, DurationMs = 3,
            ClientAddress = address, UserAgent = userAgent,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Rolling_from_the_page_with_a_1_hour_grace_reveals_the_new_secret_and_shows_the_old_key_rolling()
    {
        await ArrangeAsync();
        var created = await CreateKeyAsync("Billing sync", [ScopeCatalog.ContactsRead]);
        var providers = RenderProviders();
        var cut = Render<ApiKeyDetail>(p => p.Add(d => d.Id, created.Key.Id.ToString()));

        // Not awaited: the handler awaits the dialogs' results.
        cut.WaitForElement("[data-testid=key-detail-roll]").Click();
        providers.WaitForElement("input[data-testid=grace-1h]").Click();
        providers.WaitForAssertion(() => Assert.Contains("works until", Text(providers.Find("[data-testid=grace-summary]"))));
        providers.Find("[data-testid=roll-key-confirm]").Click();

        var secret = Text(providers.WaitForElement("[data-testid=revealed-secret]"));
        Assert.StartsWith("sk_live_", secret);
        cut.WaitForAssertion(() => Assert.Equal(ApiKeyStatus.Rolling, Text(cut.Find("[data-testid=key-detail-status]"))));
        var old = (await Service.GetAsync(Owner, created.Key.Id))!;
        Assert.InRange(old.GraceEndsAt!.Value - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(60));
        var successor = (await Service.GetAsync(Owner, old.ReplacedById!.Value))!;
        Assert.Equal(successor.Prefix, secret[..16]);
        Assert.Contains("No request with the old key since the roll", Text(cut.Find("[data-testid=grace-panel]")));
        Assert.Empty(cut.FindAll("[data-testid=key-detail-roll]"));
    }

    [Fact]
    public async Task The_grace_panel_lists_the_old_keys_last_use_and_addresses_and_ends_the_grace()
    {
        await ArrangeAsync();
        var created = await CreateKeyAsync("Old importer", [ScopeCatalog.ContactsRead]);
        var rolled = (await Rolls.RollAsync(Owner, created.Key.Id, new ApiKeyRoll(3600, null), ClientInfo.Unknown))!;
        var since = rolled.NewKey.Key.CreatedAt;
        // One request before the roll does not count; three after it, from two places.
        await LogAsync(created.Key, since.AddMinutes(-5), "192.0.2.1", "old-agent/1.0");
        await LogAsync(created.Key, since.AddSeconds(10), "203.0.113.7", "importer/2.1");
        await LogAsync(created.Key, since.AddSeconds(20), "203.0.113.7", "importer/2.1");
        await LogAsync(created.Key, since.AddSeconds(30), "2001:db8::5", "curl/8.5.0", 404);

        var providers = RenderProviders();
        var cut = Render<ApiKeyDetail>(p => p.Add(d => d.Id, created.Key.Id.ToString()));
        // Generous waits: the page reads the database twice more than the others, slow on a loaded machine.
        // The panel may render once before the old key's use is read ("No request … since the roll"): wait for the use.
        var inUse = Text(cut.WaitForElement("[data-testid=grace-in-use]", TimeSpan.FromSeconds(10)));
        var panel = cut.Find("[data-testid=grace-panel]");
        Assert.Contains("GET /v1/contacts → 404", inUse);
        Assert.Contains("2001:db8::5", inUse);
        var sources = cut.FindAll("[data-testid=grace-source]").Select(r => r.QuerySelectorAll("td").Select(Text).Take(3).ToList()).ToList();
        Assert.Equal([["2001:db8::5", "curl/8.5.0", "1"], ["203.0.113.7", "importer/2.1", "2"]], sources);
        Assert.Equal(rolled.NewKey.Key.Prefix + "…", Text(cut.Find("[data-testid=grace-successor]")));
        Assert.DoesNotContain("192.0.2.1", panel.TextContent);

        cut.Find("[data-testid=end-grace]").Click();
        providers.WaitForElement(".mud-message-box__yes-button", TimeSpan.FromSeconds(10)).Click();
        cut.WaitForAssertion(() => Assert.Equal(ApiKeyStatus.Revoked, Text(cut.Find("[data-testid=key-detail-status]"))), TimeSpan.FromSeconds(10));
        Assert.Empty(cut.FindAll("[data-testid=grace-panel]"));
    }

    [Fact]
    public void The_allowlist_editor_checks_entries_stores_them_canonical_and_adds_the_addresses_seen()
    {
        var entries = new List<string>();
        var changes = 0;
        var cut = Render<ApiKeyAllowlistEditor>(p => p
            .Add(e => e.Entries, entries)
            .Add(e => e.EntriesChanged, () => changes++)
            .Add(e => e.Seen, ["198.51.100.4", "2001:db8::9"]));

        cut.Find("#allowlist-input").Input("10.0.0.1/8");
        cut.Find("[data-testid=allowlist-add]").Click();
        cut.WaitForAssertion(() => Assert.Contains("10.0.0.0/8", cut.Markup));
        Assert.Empty(entries);

        cut.Find("#allowlist-input").Input("2001:DB8::/32");
        cut.Find("[data-testid=allowlist-add]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["2001:db8::/32"], entries));
        Assert.Equal(["2001:db8::/32"], cut.FindAll("[data-testid=allowlist-entry] .mono").Select(Text));

        cut.Find("[data-testid=allowlist-add-seen]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["2001:db8::/32", "198.51.100.4", "2001:db8::9"], entries));
        Assert.Equal("Remove 198.51.100.4", cut.FindAll("[data-testid=allowlist-remove]")[1].GetAttribute("aria-label"));
        cut.FindAll("[data-testid=allowlist-remove]")[0].Click();
        cut.WaitForAssertion(() => Assert.Equal(["198.51.100.4", "2001:db8::9"], entries));
        Assert.Equal(3, changes);
    }
}
