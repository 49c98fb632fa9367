using Boltly.Features.Usage.Pages;
using Boltly.Platform.Auth;
using Boltly.Tests.Infrastructure;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Components;

/// <summary>The Dashboard's usage section: the chart and its text alternative from the reader's data, the busiest keys,
/// the range switch, and the empty states (against the real ApiKeyService, a scripted usage reader).</summary>
public sealed class DashboardUsageTests : ApiKeysTestContext
{
    private readonly ScriptedUsageReader _reader = new();

    public DashboardUsageTests(SharedPortal portal) : base(portal) => Services.AddSingleton<IUsageReader>(_reader);

    [Fact]
    public async Task The_chart_stacks_the_accounts_requests_by_outcome_with_numbers_and_the_busiest_keys()
    {
        await ArrangeAsync();
        var crm = Guid.NewGuid();
        var importer = Guid.NewGuid();
        _reader.Account = (from, granularity) => new AccountUsage(
            [
                new UsageBucket(from.AddHours(2), ScriptedUsageReader.Counts(success: 20, insufficientScope: 5)),
                new UsageBucket(from.AddHours(23), ScriptedUsageReader.Counts(success: 10, clientError: 3, revoked: 2)),
            ],
            [
                new KeyUsageShare(crm, "CRM sync", ScriptedUsageReader.Counts(success: 25, insufficientScope: 5, revoked: 2)),
                new KeyUsageShare(importer, "Importer", ScriptedUsageReader.Counts(success: 5, clientError: 3)),
            ]);

        var cut = Render<Dashboard>();
        var chart = cut.WaitForElement("[data-testid=usage-chart]");

        Assert.Equal("40", chart.GetAttribute("data-total"));
        Assert.Equal("40 requests in the last 24 hours. Successful: 30; Client errors: 3; Insufficient scope: 5; Revoked key: 2.",
            Text(cut.Find("[data-testid=usage-summary]")));
        // The drawing is one image named by the summary, and MudBlazor drew it as SVG.
        var drawing = cut.Find("[data-testid=usage-chart-drawing]");
        Assert.Equal("img", drawing.GetAttribute("role"));
        Assert.NotNull(drawing.QuerySelector("svg"));
        // Only the outcomes that happened, in stacking order, with their totals.
        Assert.Equal(["success", "client_error", "insufficient_scope", "revoked"],
            cut.FindAll("[data-testid=usage-total]").Select(r => r.GetAttribute("data-outcome")));
        Assert.Equal(["30", "3", "5", "2"], cut.FindAll("[data-testid=usage-total-count]").Select(Text));
        // Every hour of the range has its row, gaps as zero.
        var rows = cut.FindAll("[data-testid=usage-bucket]");
        Assert.Equal(24, rows.Count);
        Assert.Equal(["20", "0", "5", "0", "25"], rows[2].QuerySelectorAll("td").Select(Text));
        Assert.Equal(["0", "0", "0", "0", "0"], rows[3].QuerySelectorAll("td").Select(Text));

        Assert.Equal([crm.ToString(), importer.ToString()], cut.FindAll("[data-testid=busiest-key]").Select(r => r.GetAttribute("data-key-id")));
        Assert.Equal($"/settings/api-keys/{crm}", cut.FindAll("[data-testid=busiest-key-link]")[0].GetAttribute("href"));
        Assert.Equal(["32", "25", "0", "7"], cut.FindAll("[data-testid=busiest-key]")[0].QuerySelectorAll("td").Select(Text));
        Assert.Equal(["8", "5", "3", "0"], cut.FindAll("[data-testid=busiest-key]")[1].QuerySelectorAll("td").Select(Text));
        Assert.Empty(cut.FindAll("[data-testid=usage-empty]"));
    }

    [Fact]
    public async Task Choosing_7_days_asks_for_daily_buckets_of_the_last_week()
    {
        await ArrangeAsync();
        _reader.Account = (from, granularity) => new AccountUsage(
            [new UsageBucket(from, ScriptedUsageReader.Counts(success: granularity == UsageGranularity.Day ? 7 : 1))], []);
        var cut = Render<Dashboard>();
        cut.WaitForElement("[data-testid=usage-chart]");
        Assert.Equal("true", cut.Find("[data-testid=usage-range-24h]").GetAttribute("aria-pressed"));

        cut.Find("[data-testid=usage-range-7d]").Click();

        cut.WaitForAssertion(() => Assert.Equal("7", cut.Find("[data-testid=usage-chart]").GetAttribute("data-total")));
        var call = _reader.Calls.Last(c => c.What == "account");
        Assert.Equal(nameof(UsageGranularity.Day), call.Detail);
        Assert.Equal(TimeSpan.FromDays(7), call.To - call.From);
        Assert.Equal(TimeSpan.Zero, call.From!.Value.TimeOfDay);
        Assert.Equal(7, cut.FindAll("[data-testid=usage-bucket]").Count);
        Assert.Equal("true", cut.Find("[data-testid=usage-range-7d]").GetAttribute("aria-pressed"));
        Assert.Equal("false", cut.Find("[data-testid=usage-range-24h]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task With_no_requests_an_owner_with_a_key_gets_a_first_request_to_copy_never_the_secret()
    {
        await ArrangeAsync();
        var created = await CreateKeyAsync("CRM sync", [ScopeCatalog.ContactsRead]);

        var cut = Render<Dashboard>();
        cut.WaitForElement("[data-testid=usage-empty]");

        Assert.Contains("No requests in the last 24 hours.", Text(cut.Find("[data-testid=usage-empty]")));
        Assert.Equal(created.Key.Prefix + "…", Text(cut.Find("[data-testid=first-request-prefix]")));
        var publicUrl = Portal.Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Boltly.Platform.Api.PortalOptions>>().Value.PublicUrl.TrimEnd('/');
        Assert.Equal($"curl -H \"X-API-Key: $BOLTLY_API_KEY\" {publicUrl}/v1/developer-access/whoami", Text(cut.Find("[data-testid=first-request-curl]")));
        Assert.DoesNotContain(created.Secret, cut.Markup);
        Assert.Empty(cut.FindAll("[data-testid=usage-chart-drawing]"));

        cut.Find("[data-testid=first-request-copy]").Click();
        // The button's handler runs on the renderer's dispatcher: wait for it rather than read at once.
        cut.WaitForAssertion(() =>
            Assert.Equal(Text(cut.Find("[data-testid=first-request-curl]")), JSInterop.VerifyInvoke("boltly.copyText").Arguments.Single()));
    }

    [Fact]
    public async Task With_no_requests_and_no_key_the_owner_is_sent_to_create_one()
    {
        await ArrangeAsync();
        var cut = Render<Dashboard>();
        cut.WaitForElement("[data-testid=usage-empty]");

        Assert.Equal("/settings/api-keys", cut.Find("[data-testid=usage-create-key]").GetAttribute("href"));
        Assert.Empty(cut.FindAll("[data-testid=first-request]"));
    }

    [Fact]
    public async Task A_reader_failure_shows_an_error_and_trying_again_loads()
    {
        await ArrangeAsync();
        var fail = true;
        _reader.Account = (from, _) => fail ? throw new InvalidOperationException("database down")
            : new AccountUsage([new UsageBucket(from, ScriptedUsageReader.Counts(success: 1))], []);
        var cut = Render<Dashboard>();
        cut.WaitForElement("[data-testid=usage-load-error]");

        fail = false;
        cut.Find("[data-testid=usage-retry]").Click();
        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=usage-chart]").GetAttribute("data-total")));
    }
}
