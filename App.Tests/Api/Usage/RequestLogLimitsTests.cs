using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Usage;

/// <summary>What the log and the rollups keep: the per-key cap, the retention purge, and the cost in statements.
/// Alone (10,000 requests take both cores for a while).</summary>
[Collection(TimingSensitive.Name)]
public sealed class RequestLogLimitsTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_cap_keeps_each_keys_newest_requests_and_drops_the_oldest()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["Usage:RequestLogPerKey"] = "5" }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var log = host.Services.GetRequiredService<RequestLogQueue>();
        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add((await client.GetWithKeyAsync("/v1/contacts", key.Secret)).Headers.GetValues("X-Request-Id").Single());
            // Some written batch by batch, some in one batch: the cap holds either way.
            if (i is 1 or 3) await log.FlushAsync(TestContext.Current.CancellationToken);
        }
        await log.FlushAsync(TestContext.Current.CancellationToken);

        var entries = await UsageScenario.LogAsync(host, jwt, key.Id);
        Assert.Equal(Enumerable.Reverse(ids).Take(5).ToList(), entries.Select(e => (string)e["request_id"]!).ToList());

        // The stored rows past the cap go at the trim (ADR 0032); what the log shows does not change.
        Assert.Equal(8, await StoredAsync(host, key.Id));
        Assert.Equal(3, await TrimAsync(host, key.Id));
        Assert.Equal(5, await StoredAsync(host, key.Id));
        entries = await UsageScenario.LogAsync(host, jwt, key.Id);
        Assert.Equal(Enumerable.Reverse(ids).Take(5).ToList(), entries.Select(e => (string)e["request_id"]!).ToList());
        Assert.Equal(0, await TrimAsync(host, key.Id));
    }

    [Fact]
    public async Task Two_instances_logging_the_same_key_keep_its_newest_requests_newest_first()
    {
        var deployment = PortalHost.NewRedisPrefix();
        var settings = new Dictionary<string, string?> { ["Usage:RequestLogPerKey"] = "6" };
        await using var a = await PortalHost.StartAsync(new PortalHost(settings, redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(settings, redisPrefix: deployment));
        var user = await TestUser.CreateAsync(a);
        var jwt = await a.CreateHttpClient().AccessTokenAsync(user);
        var key = await a.CreateHttpClient().CreateKeyAsync(jwt, ["contacts:read"]);
        var ct = TestContext.Current.CancellationToken;
        var ids = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var host = i % 2 == 0 ? a : b;
            var response = await host.CreateHttpClient().GetWithKeyAsync($"/v1/contacts?page_token=secret-{i}", key.Secret);
            ids.Add(response.Headers.GetValues("X-Request-Id").Single());
        }
        // Both write at once, each its own half of the key's requests.
        await Task.WhenAll(a.Services.GetRequiredService<RequestLogQueue>().FlushAsync(ct), b.Services.GetRequiredService<RequestLogQueue>().FlushAsync(ct));

        foreach (var reader in new[] { a, b })
        {
            var entries = await UsageScenario.LogAsync(reader, jwt, key.Id);
            Assert.Equal(Enumerable.Reverse(ids).Take(6).ToList(), entries.Select(e => (string)e["request_id"]!).ToList());
            // No query string is kept.
            Assert.All(entries, e => Assert.Equal("/v1/contacts", (string)e["path"]!));
        }
        Assert.Equal(4, await TrimAsync(b, key.Id));
        Assert.Equal(6, await StoredAsync(a, key.Id));
        var afterTrim = await UsageScenario.LogAsync(a, jwt, key.Id);
        Assert.Equal(Enumerable.Reverse(ids).Take(6).ToList(), afterTrim.Select(e => (string)e["request_id"]!).ToList());
    }

    private static async Task<int> StoredAsync(PortalHost host, Guid keyId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().RequestLog.IgnoreQueryFilters().CountAsync(r => r.ApiKeyId == keyId, TestContext.Current.CancellationToken);
    }

    // Only the test's own key: the hosts share one database with other tests.
    private static async Task<int> TrimAsync(PortalHost host, Guid keyId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RequestLogTrim>().TrimAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(),
            TestContext.Current.CancellationToken, [keyId]);
    }

    [Fact]
    public async Task Retention_purges_minutes_after_48_hours_hours_after_30_days_days_after_a_year_and_requests_after_7_days()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var ct = TestContext.Current.CancellationToken;
        // One key per age; each key's requests are made with the clock moved back that far, then the purge runs at the real now.
        var ages = new[] { TimeSpan.FromHours(47), TimeSpan.FromHours(49), TimeSpan.FromDays(8), TimeSpan.FromDays(31), TimeSpan.FromDays(366) };
        var keys = new List<ApiKeyTestClient.Key>();
        foreach (var age in ages)
        {
            var key = await client.CreateKeyAsync(jwt, ["contacts:read"], name: $"aged {age.TotalHours} h");
            keys.Add(key);
            host.Clock.Advance(-age);
            Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/contacts", key.Secret)).StatusCode);
            await host.Services.GetRequiredService<UsageRollupWriter>().FlushAsync(ct);
            await host.Services.GetRequiredService<RequestLogQueue>().FlushAsync(ct);
            host.Clock.Advance(age);
        }

        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<UsagePurge>().PurgeAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), host.Clock.GetUtcNow(), ct);

        await using var after = host.Services.CreateAsyncScope();
        var db = after.ServiceProvider.GetRequiredService<AppDbContext>();
        async Task<string> Kept(Guid keyId)
        {
            var granularities = await db.UsageRollups.IgnoreQueryFilters().Where(r => r.ApiKeyId == keyId).Select(r => r.Granularity).Distinct().ToListAsync(ct);
            var logged = await db.RequestLog.IgnoreQueryFilters().CountAsync(r => r.ApiKeyId == keyId, ct);
            return string.Join(",", granularities.Order().Select(g => g.ToString().ToLowerInvariant())) + $"; log {logged}";
        }
        Assert.Equal("minute,hour,day; log 1", await Kept(keys[0].Id));
        Assert.Equal("hour,day; log 1", await Kept(keys[1].Id));
        Assert.Equal("hour,day; log 0", await Kept(keys[2].Id));
        Assert.Equal("day; log 0", await Kept(keys[3].Id));
        Assert.Equal("; log 0", await Kept(keys[4].Id));
    }

    [Fact]
    public async Task Ten_thousand_requests_cost_a_handful_of_statements()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:ApiKeyPerWindow"] = "100000",
            ["Cache:EntrySeconds"] = "600",
            // No timer fires during the run: the statements counted are the batches written at the end.
            ["Usage:CounterPushSeconds"] = "60",
            ["Usage:RollupFlushSeconds"] = "55",
            ["Usage:RequestLogFlushSeconds"] = "60",
            ["ApiKeys:UsageFlushSeconds"] = "3600",
            ["Sessions:ActivityFlushSeconds"] = "3600",
        }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        await host.Services.GetRequiredService<RequestLogQueue>().FlushAsync(ct);
        await host.Services.GetRequiredService<UsageRollupWriter>().FlushAsync(ct);
        host.Queries.Clear();

        const int Requests = 10_000;
        const int Parallel = 16;
        var clients = Enumerable.Range(0, Parallel).Select(_ => host.CreateHttpClient()).ToArray();
        await Task.WhenAll(clients.Select(async (c, w) =>
        {
            for (var i = w; i < Requests; i += Parallel)
                Assert.Equal(HttpStatusCode.OK, (await c.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        }));
        var duringRequests = host.Queries.Total;
        // What the requests themselves ran: none (a batch writer's timer may fire on a slow machine; its batches are counted below).
        var requestStatements = host.Queries.RequestCommands;
        await host.Services.GetRequiredService<RequestLogQueue>().FlushAsync(ct);
        await host.Services.GetRequiredService<UsageRollupWriter>().FlushAsync(ct);
        output.WriteLine($"statements: {duringRequests} while serving {Requests} requests, {host.Queries.Total} with the batches written");

        Assert.True(requestStatements.Count == 0, "statements run by requests: " + string.Join("\n", requestStatements));
        Assert.InRange(host.Queries.Total, 1, 5);
        // The trim is a scheduled job of its own (ADR 0032): one statement, outside the requests and the batches.
        Assert.Equal(1, await TrimAsync(host, key.Id));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        // 10,001 made, the log keeps the newest 10,000: the warm-up request, the oldest, is gone.
        Assert.Equal(Requests, await db.RequestLog.IgnoreQueryFilters().CountAsync(r => r.ApiKeyId == key.Id, ct));
        Assert.Equal(Requests + 1, await db.UsageRollups.IgnoreQueryFilters().Where(r => r.ApiKeyId == key.Id && r.Granularity == UsageGranularity.Day).SumAsync(r => r.Success, ct));
        Assert.Equal(0, host.Services.GetRequiredService<RequestLogQueue>().Dropped);
    }
}
