using Boltly.Features.ApiKeys.Pages;
using Boltly.Features.ApiKeys.Policy;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ApiKeysPage = Boltly.Features.ApiKeys.Pages.ApiKeys;

namespace Boltly.Tests.Components;

/// <summary>The key policy on the dashboard: its page saves what an owner enters, the create dialog offers only expiries within
/// the maximum lifetime, and a key unused for 90 days is flagged "unused" in the list.</summary>
public sealed class KeyPolicyPageTests(SharedPortal portal) : ApiKeysTestContext(portal)
{
    private KeyPolicies Policies => Services.GetRequiredService<KeyPolicies>();

    [Fact]
    public async Task An_owner_saves_the_policy_on_its_page_and_an_out_of_range_value_is_refused_inline()
    {
        await ArrangeAsync();
        RenderProviders();
        var cut = Render<KeyPolicyPage>();
        cut.WaitForElement("[data-testid=policy-save]:not([disabled])");

        cut.Find("[data-testid=policy-idle-revoke]").Change("3");
        cut.Find("[data-testid=policy-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("7 to 3650 days", cut.Find("[data-testid=policy-idle-revoke-error]").TextContent));
        Assert.Equal(KeyPolicy.None, (await Policies.GetAsync(Owner)).ToPolicy());

        cut.Find("[data-testid=policy-max-lifetime]").Change("45");
        cut.Find("[data-testid=policy-idle-revoke]").Change("60");
        cut.Find("[data-testid=policy-form]").Submit();
        cut.WaitForAssertion(() => Assert.Contains("max lifetime 45 days, idle revocation after 60 days", cut.Find("[data-testid=policy-summary]").TextContent));
        Assert.Equal(new KeyPolicy(45, 60), (await Policies.GetAsync(Owner)).ToPolicy());
    }

    [Fact]
    public async Task Under_a_maximum_lifetime_the_create_dialog_offers_only_the_presets_within_it_and_no_never()
    {
        await ArrangeAsync();
        await Policies.UpdateAsync(Owner, new KeyPolicy(60, null), ClientInfo.Unknown);
        var providers = RenderProviders();
        var cut = Render<ApiKeysPage>();
        OpenCreateDialog(cut, providers);

        providers.WaitForAssertion(() => Assert.Contains("at most 60 days", providers.Find("[data-testid=expiry-policy]").TextContent));
        var offered = providers.FindAll("input[data-testid^=expiry-]").Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal(["expiry-7d", "expiry-30d", "expiry-60d", "expiry-custom"], offered);
    }

    [Fact]
    public async Task A_key_unused_for_90_days_is_flagged_unused_and_a_recent_one_is_not()
    {
        await ArrangeAsync();
        var old = await CreateKeyAsync("Forgotten", [ScopeCatalog.ContactsRead]);
        await CreateKeyAsync("Fresh", [ScopeCatalog.ContactsRead]);
        await using (var scope = Portal.Host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await db.ApiKeys.IgnoreQueryFilters().Where(k => k.Id == old.Key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, DateTimeOffset.UtcNow.AddDays(-91)));
        }
        RenderProviders();
        var cut = Render<ApiKeysPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=key-unused]")));
        var row = cut.Find("[data-testid=key-unused]").Closest("tr")!;
        Assert.Contains("Forgotten", row.TextContent);
    }
}
