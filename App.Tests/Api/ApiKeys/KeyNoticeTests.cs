using System.Net;
using System.Text.Json.Nodes;
using Boltly.Tests.Api.Webhooks;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>
/// Expiry and idle notices (docs/api-keys.md#notices, ADR 0034): one webhook event per key and one digest mail per person
/// per day, once each with two instances running the job, on a database of the test's own (the job reads every account).
/// Mail is read back from smtp4dev, webhooks from a real receiver on loopback; the clocks are moved, not waited for.
/// </summary>
[Collection(WebhookWorkers.Name)]
public sealed class KeyNoticeTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(20);
    private IsolatedDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await IsolatedDatabase.CreateAsync();

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private Dictionary<string, string?> Settings(bool jobs) => new()
    {
        ["ConnectionStrings:Postgres"] = _database.ConnectionString,
        ["Scheduling:Enabled"] = jobs ? "true" : "false",
        ["ApiKeys:Notices:CheckSeconds"] = "1",
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:DeliveryWorkerEnabled"] = jobs ? "true" : "false",
    };

    /// <summary>The notice digests to <paramref name="to"/> (a sign-in's new-device mail goes there too), once
    /// <paramref name="count"/> have arrived.</summary>
    private static async Task<IReadOnlyList<(string Id, string Subject)>> DigestsAsync(MailInbox inbox, string to, int count = 1)
    {
        var deadline = DateTime.UtcNow + Arrival;
        while (true)
        {
            var digests = (await inbox.MessagesToAsync(to)).Where(m => m.Subject.Contains("API key notice", StringComparison.Ordinal)).ToList();
            if (digests.Count >= count) return digests;
            Assert.True(DateTime.UtcNow < deadline, $"{digests.Count} of {count} digests to {to} arrived within {Arrival.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }

    private static async Task<string> SubscribeAsync(HttpClient client, string token, string url, params string[] events)
    {
        var response = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/webhooks", token, new { url, events });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return (string)JsonNode.Parse(body)!["id"]!;
    }

    [Fact]
    public async Task A_key_expiring_in_7_days_gets_exactly_one_mail_and_one_webhook_with_two_instances_running()
    {
        var prefix = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(Settings(jobs: true), redisPrefix: prefix));
        await using var b = await PortalHost.StartAsync(new PortalHost(Settings(jobs: true), redisPrefix: prefix));
        await using var receiver = new WebhookReceiver();
        var client = a.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var token = (string)(await client.LoginAsync(user))["access_token"]!;
        await SubscribeAsync(client, token, receiver.Url, "api_key.expiring", "api_key.expired");
        var key = await client.CreateKeyAsync(token, ["contacts:read"], a.Clock.GetUtcNow().AddDays(6.5), name: "Expiring soon");

        var hook = await receiver.NextAsync(Arrival);
        var envelope = JsonNode.Parse(hook.Body)!;
        Assert.Equal("api_key.expiring", (string)envelope["type"]!);
        Assert.Equal(key.Id.ToString(), (string)envelope["data"]!["id"]!);
        using var inbox = new MailInbox();
        var mail = Assert.Single(await DigestsAsync(inbox, user.Email));
        var text = await inbox.PlainTextAsync(mail.Id);
        output.WriteLine($"{mail.Subject}\n{text}");
        Assert.Contains("1 API key notice", mail.Subject);
        Assert.Contains(key.Prefix, text);
        Assert.Contains("in 7 days", text);

        // Both instances keep running the job every second: nothing more is sent.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Single(receiver.All);
        Assert.Single(await DigestsAsync(inbox, user.Email));
    }

    [Fact]
    public async Task Three_keys_due_the_same_day_make_one_digest_mail_and_three_webhook_events()
    {
        var prefix = PortalHost.NewRedisPrefix();
        // The keys are made before any instance runs the job, so the first run finds all three.
        await using var a = await PortalHost.StartAsync(new PortalHost(Settings(jobs: false), redisPrefix: prefix));
        await using var receiver = new WebhookReceiver();
        var client = a.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var token = (string)(await client.LoginAsync(user))["access_token"]!;
        await SubscribeAsync(client, token, receiver.Url, "api_key.expiring");
        var now = a.Clock.GetUtcNow();
        var keys = new[]
        {
            await client.CreateKeyAsync(token, ["contacts:read"], now.AddDays(6.2), name: "First"),
            await client.CreateKeyAsync(token, ["contacts:read"], now.AddDays(6.4), name: "Second"),
            await client.CreateKeyAsync(token, ["contacts:read"], now.AddDays(6.6), name: "Third"),
        };
        await using var b = await PortalHost.StartAsync(new PortalHost(Settings(jobs: true), redisPrefix: prefix));
        await using var c = await PortalHost.StartAsync(new PortalHost(Settings(jobs: true), redisPrefix: prefix));

        using var inbox = new MailInbox();
        var mail = Assert.Single(await DigestsAsync(inbox, user.Email));
        var text = await inbox.PlainTextAsync(mail.Id);
        output.WriteLine($"{mail.Subject}\n{text}");
        Assert.Contains("3 API key notice", mail.Subject);
        foreach (var key in keys) Assert.Contains(key.Prefix, text);
        for (var i = 0; i < 3; i++) await receiver.NextAsync(Arrival);
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(keys.Select(k => k.Id.ToString()).Order(), receiver.All.Select(h => (string)JsonNode.Parse(h.Body)!["data"]!["id"]!).Order());
        Assert.Single(await DigestsAsync(inbox, user.Email));
    }

    [Fact]
    public async Task An_idle_key_is_warned_7_days_before_and_then_revoked_under_the_policy()
    {
        var prefix = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(Settings(jobs: true), redisPrefix: prefix));
        await using var receiver = new WebhookReceiver();
        var client = a.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var token = (string)(await client.LoginAsync(user))["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Put, "/v1/account/key-policy", token,
            new { idle_revoke_days = 30 })).StatusCode);
        await SubscribeAsync(client, token, receiver.Url, "api_key.idle_revoking", "api_key.idle_revoked");
        var key = await client.CreateKeyAsync(token, ["contacts:read"], name: "Idle");

        a.Clock.Advance(TimeSpan.FromDays(24));
        var warning = JsonNode.Parse((await receiver.NextAsync(Arrival)).Body)!;
        Assert.Equal("api_key.idle_revoking", (string)warning["type"]!);
        using var inbox = new MailInbox();
        var first = Assert.Single(await DigestsAsync(inbox, user.Email));
        Assert.Contains("will be revoked", await inbox.PlainTextAsync(first.Id));

        // Not used since: at the deadline it is revoked.
        a.Clock.Advance(TimeSpan.FromDays(7));
        var revoked = JsonNode.Parse((await receiver.NextAsync(Arrival)).Body)!;
        Assert.Equal("api_key.idle_revoked", (string)revoked["type"]!);
        Assert.Equal("revoked", (string)revoked["data"]!["status"]!);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        var second = await DigestsAsync(inbox, user.Email, count: 2);
        Assert.Equal(2, second.Count);
        Assert.Contains("revoked", await inbox.PlainTextAsync(second.First(m => m.Id != first.Id).Id));
        output.WriteLine(string.Join("\n", second.Select(m => m.Subject)));
    }
}
