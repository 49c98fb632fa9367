using Boltly.Features.ApiKeys.Pages;
using Boltly.Features.Usage.Pages;
using Boltly.Platform.Auth;
using Boltly.Platform.Http;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Components;

/// <summary>A key's detail page: its settings from the real ApiKeyService, its usage and requests from a scripted reader,
/// the status filter, the empty state with a first request, not found for an unknown or foreign id, and revoking.</summary>
public sealed class ApiKeyDetailPageTests : ApiKeysTestContext
{
    private readonly ScriptedUsageReader _reader = new();

    public ApiKeyDetailPageTests(SharedPortal portal) : base(portal)
    {
        Services.AddSingleton<IUsageReader>(_reader);
        // The section Usage adds to the key's page (AddBoltlyUsage registers the same).
        Services.AddSingleton(new ApiKeyPageSection(typeof(ApiKeyUsageSection)));
    }

    private static RequestLogEntry Logged(int status, string path, int minutesAgo) => new(
        Guid.NewGuid(), DateTimeOffset.UtcNow.AddMinutes(-minutesAgo), "GET", path, status, 12, "203.0.113.7", "curl/8.5.0",
        $"req_{Guid.NewGuid():N}");

    [Fact]
    public async Task The_page_shows_the_keys_settings_usage_and_recent_requests()
    {
        await ArrangeAsync();
        var created = await CreateKeyAsync("CRM sync", [ScopeCatalog.ContactsRead, ScopeCatalog.ContactsWrite]);
        _reader.Key = (from, _) => [new UsageBucket(from.AddHours(23), ScriptedUsageReader.Counts(success: 30, insufficientScope: 5, revoked: 2))];
        _reader.Requests.AddRange([Logged(403, "/v1/contacts", 1), Logged(200, "/v1/contacts", 2), Logged(500, "/v1/inbox/conversations", 3)]);

        var cut = Render<ApiKeyDetail>(p => p.Add(d => d.Id, created.Key.Id.ToString()));
        cut.WaitForElement("[data-testid=request-log]");

        Assert.Equal("CRM sync", Text(cut.Find("[data-testid=key-detail-name]")));
        Assert.Equal(created.Key.Prefix + "…", Text(cut.Find("[data-testid=key-setting-prefix]")));
        Assert.Equal([ScopeCatalog.ContactsRead, ScopeCatalog.ContactsWrite], cut.FindAll("[data-testid=key-setting-scope]").Select(Text));
        Assert.Equal("never", Text(cut.Find("[data-testid=key-setting-expires]")));
        Assert.Equal("never", Text(cut.Find("[data-testid=key-setting-last-used]")));
        Assert.StartsWith("just now (", Text(cut.Find("[data-testid=key-setting-created]")));
        Assert.StartsWith("Active", Text(cut.Find("[data-testid=key-setting-status]")));
        Assert.NotNull(cut.Find("[data-testid=key-detail-revoke]"));

        Assert.Equal("37", cut.Find("[data-testid=usage-chart]").GetAttribute("data-total"));
        Assert.Equal(["success", "insufficient_scope", "revoked"], cut.FindAll("[data-testid=usage-total]").Select(r => r.GetAttribute("data-outcome")));
        var call = _reader.Calls.Single(c => c.What == "key");
        Assert.Equal(nameof(UsageGranularity.Hour), call.Detail);
        Assert.Equal(TimeSpan.FromHours(24), call.To - call.From);

        Assert.Equal(["403", "200", "500"], cut.FindAll("[data-testid=request-log-status]").Select(Text));
        Assert.Equal(["/v1/contacts", "/v1/contacts", "/v1/inbox/conversations"], cut.FindAll("[data-testid=request-log-path]").Select(Text));
        Assert.Equal(_reader.Requests[0].RequestId, Text(cut.FindAll("[data-testid=request-log-id]")[0]));
        Assert.DoesNotContain(created.Secret, cut.Markup);
    }

    [Fact]
    public async Task The_status_filter_asks_the_reader_for_that_class_and_says_when_none_match()
    {
        await ArrangeAsync();
        var created = await CreateKeyAsync("CRM sync", [ScopeCatalog.ContactsRead]);
        _reader.Requests.AddRange([Logged(404, "/v1/contacts/x", 1), Logged(200, "/v1/contacts", 2)]);
        var cut = Render<ApiKeyDetail>(p => p.Add(d => d.Id, created.Key.Id.ToString()));
        cut.WaitForElement("[data-testid=request-log]");

        cut.Find("[data-testid=request-status-4xx]").Click();
        cut.WaitForAssertion(() => Assert.Equal(["404"], cut.FindAll("[data-testid=request-log-status]").Select(Text)));
        Assert.Equal("4xx", _reader.Calls.Last(c => c.What == "requests").Detail);
        Assert.Equal("true", cut.Find("[data-testid=request-status-4xx]").GetAttribute("aria-pressed"));

        cut.Find("[data-testid=request-status-5xx]").Click();
        cut.WaitForAssertion(() => Assert.Contains("No requests with a 5xx status.", Text(cut.Find("[data-testid=requests-empty]"))));

        cut.Find("[data-testid=request-status-all]").Click();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=request-log-entry]").Count));
        Assert.Null(_reader.Calls.Last(c => c.What == "requests").Detail);
    }

    [Fact]
    public async Task Older_requests_load_page_by_page()
    {
        await ArrangeAsync();
        var created = await CreateKeyAsync("Busy", [ScopeCatalog.ContactsRead]);
        _reader.Requests.AddRange(Enumerable.Range(0, ApiKeyUsageSection.RequestsPerPage + 3).Select(i => Logged(200, $"/v1/contacts/{i}", i)));
        var cut = Render<ApiKeyDetail>(p => p.Add(d => d.Id, created.Key.Id.ToString()));
        cut.WaitForElement("[data-testid=request-log]");
        Assert.Equal(ApiKeyUsageSection.RequestsPerPage, cut.FindAll("[data-testid=request-log-entry]").Count);

        cut.Find("[data-testid=requests-more]").Click();
        cut.WaitForAssertion(() => Assert.Equal(ApiKeyUsageSection.RequestsPerPage + 3, cut.FindAll("[data-testid=request-log-entry]").Count));
        Assert.Empty(cut.FindAll("[data-testid=requests-more]"));
    }

    [Fact]
    public async Task A_key_without_requests_shows_how_to_make_the_first_one()
    {
        await ArrangeAsync();
        var created = await CreateKeyAsync("New key", [ScopeCatalog.ContactsRead]);
        var cut = Render<ApiKeyDetail>(p => p.Add(d => d.Id, created.Key.Id.ToString()));
        cut.WaitForElement("[data-testid=key-usage-empty]");

        Assert.Contains("No requests with this key in the last 24 hours.", Text(cut.Find("[data-testid=key-usage-empty]")));
        Assert.Equal(created.Key.Prefix + "…", Text(cut.Find("[data-testid=first-request-prefix]")));
        Assert.Contains("$BOLTLY_API_KEY", Text(cut.Find("[data-testid=first-request-curl]")));
        Assert.Contains("No requests logged for this key yet.", Text(cut.Find("[data-testid=requests-empty]")));
        Assert.DoesNotContain(created.Secret, cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=usage-chart-drawing]"));
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("foreign")]
    [InlineData("not-a-guid")]
    public async Task An_unknown_or_foreign_key_is_not_found(string which)
    {
        await ArrangeAsync();
        var id = which switch
        {
            "unknown" => Guid.NewGuid().ToString(),
            "foreign" => await ForeignKeyIdAsync(),
            _ => which,
        };
        var cut = Render<ApiKeyDetail>(p => p.Add(d => d.Id, id));

        cut.WaitForElement("[data-testid=key-not-found]");
        Assert.Equal("Key not found", Text(cut.Find("h1")));
        Assert.Empty(cut.FindAll("[data-testid=key-settings]"));
        Assert.DoesNotContain(_reader.Calls, c => c.What is "key" or "requests");
    }

    [Fact]
    public async Task Revoking_from_the_page_revokes_the_key_and_shows_it_revoked()
    {
        await ArrangeAsync();
        var created = await CreateKeyAsync("Old importer", [ScopeCatalog.InboxRead]);
        var providers = RenderProviders();
        var cut = Render<ApiKeyDetail>(p => p.Add(d => d.Id, created.Key.Id.ToString()));

        // Not awaited: the handler awaits the dialog's result.
        cut.WaitForElement("[data-testid=key-detail-revoke]").Click();
        providers.WaitForElement("[data-testid=revoke-key-confirm]").Click();

        cut.WaitForAssertion(() => Assert.Equal(ApiKeyStatus.Revoked, Text(cut.Find("[data-testid=key-detail-status]"))));
        Assert.Empty(cut.FindAll("[data-testid=key-detail-revoke]"));
        Assert.Empty(cut.FindAll("[data-testid=first-request]"));
        Assert.Equal(ApiKeyStatus.Revoked, ApiKeyStatus.Of((await Service.GetAsync(Owner, created.Key.Id))!, DateTimeOffset.UtcNow));
    }

    private async Task<string> ForeignKeyIdAsync()
    {
        var other = await TestUser.CreateAsync(Portal.Host);
        var caller = await other.SignedInCallerAsync(Portal.Host);
        var created = await Service.CreateAsync(caller, new NewApiKey("Theirs", [ScopeCatalog.ContactsRead], null), ClientInfo.Unknown);
        return created.Key.Id.ToString();
    }
}
