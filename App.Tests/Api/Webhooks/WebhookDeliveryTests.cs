using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Boltly.Platform.Scheduling;
using Boltly.Tests.Api.PublicApi;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Boltly.Tests.Api.Webhooks;

/// <summary>
/// Signed delivery to a real receiver on loopback, retries by moving the clock, an instance that dies between claim
/// and delivery, two instances sharing the work, and DNS rebinding refused at delivery. One class: the delivery
/// workers of its hosts share the database, so its tests run one after another, and after or before those of the other
/// classes in <see cref="WebhookWorkers"/> (PortalHost turns workers off elsewhere).
/// </summary>
[Collection(WebhookWorkers.Name)]
public sealed class WebhookDeliveryTests(ITestOutputHelper output)
{
    private const string Webhooks = "/v1/developer-access/webhooks";
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(5);

    private static PortalHost DeliveringHost(bool allowLoopback = true) => new(new Dictionary<string, string?>
    {
        ["Webhooks:AllowLoopback"] = allowLoopback ? "true" : "false",
        ["Webhooks:DeliveryWorkerEnabled"] = "true",
    });

    [Fact]
    public async Task A_contact_created_arrives_within_5_seconds_signed_with_the_subscription_secret()
    {
        await using var host = await PortalHost.StartAsync(DeliveringHost());
        await using var receiver = new WebhookReceiver();
        var api = await PublicApiClient.CreateAsync(host);
        var (webhookId, secret) = await SubscribeAsync(api, receiver.Url, "contact.created");

        var phone = PublicApiClient.Phone();
        var created = DateTimeOffset.UtcNow;
        var contactId = await api.CreateContactAsync(phone);
        var hook = await receiver.NextAsync(Arrival);
        output.WriteLine($"arrived after {(hook.At - created).TotalMilliseconds:F0} ms: {hook.Body}");

        AssertSigned(hook, secret);
        var envelope = JsonNode.Parse(hook.Body)!.AsObject();
        Assert.Equal(["id", "type", "created_at", "account_id", "data"], envelope.Select(p => p.Key));
        Assert.StartsWith("evt_", (string)envelope["id"]!);
        Assert.Equal((string)envelope["id"]!, hook.Headers["Boltly-Event-Id"]);
        Assert.Equal("contact.created", (string)envelope["type"]!);
        Assert.Equal("contact.created", hook.Headers["Boltly-Event-Type"]);
        Assert.Equal(api.User.AccountId.ToString(), (string)envelope["account_id"]!);
        Assert.Equal(contactId, (string)envelope["data"]!["id"]!);
        Assert.Equal(phone, (string)envelope["data"]!["phone"]!);

        var delivery = await EventuallyAsync(api, webhookId, d => (string)d["state"]! == "delivered");
        var attempt = Assert.Single(delivery["attempts"]!.AsArray())!;
        Assert.Equal(200, (int)attempt["status_code"]!);
        Assert.Equal("answered 200", (string)attempt["response_body"]!);
    }

    [Fact]
    public async Task A_receiver_answering_500_then_200_sees_the_retry_after_a_minute()
    {
        await using var host = await PortalHost.StartAsync(DeliveringHost());
        await using var receiver = new WebhookReceiver();
        receiver.AnswerWith(500);
        var api = await PublicApiClient.CreateAsync(host);
        var (webhookId, secret) = await SubscribeAsync(api, receiver.Url, "contact.created");

        await api.CreateContactAsync(PublicApiClient.Phone());
        var first = await receiver.NextAsync(Arrival);
        var pending = await EventuallyAsync(api, webhookId, d => (int)d["attempt_count"]! == 1);
        Assert.Equal("pending", (string)pending["state"]!);
        Assert.Equal(500, (int)pending["attempts"]![0]!["status_code"]!);
        var next = DateTimeOffset.Parse((string)pending["next_attempt_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(next - host.Clock.GetUtcNow(), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));

        // Not before its time: nothing more arrives while the clock stands.
        await Assert.ThrowsAsync<TimeoutException>(() => receiver.NextAsync(TimeSpan.FromSeconds(2)));
        host.Clock.Advance(TimeSpan.FromSeconds(61));
        var second = await receiver.NextAsync(Arrival);
        AssertSigned(second, secret);
        Assert.Equal(first.Headers["Boltly-Event-Id"], second.Headers["Boltly-Event-Id"]);
        var delivered = await EventuallyAsync(api, webhookId, d => (string)d["state"]! == "delivered");
        Assert.Equal([200, 500], delivered["attempts"]!.AsArray().Select(a => (int)a!["status_code"]!));
    }

    [Fact]
    public async Task An_instance_killed_between_claim_and_delivery_leaves_the_event_to_the_other_which_delivers_it_once()
    {
        await using var receiver = new WebhookReceiver();
        var dying = await PortalHost.StartAsync(DeliveringHost());
        var api = await PublicApiClient.CreateAsync(dying);
        var (webhookId, _) = await SubscribeAsync(api, receiver.Url, "contact.created");
        // The query that reads a claimed delivery's event: the claim is committed, nothing is sent yet.
        dying.Gate.Arm("INNER JOIN webhook_events");
        await api.CreateContactAsync(PublicApiClient.Phone());
        await dying.Gate.Held.WaitAsync(Arrival);
        await dying.DisposeAsync();
        Assert.Empty(receiver.All);

        // The dead instance's lease (Webhooks:LeaseSeconds, 60 s by default, on the database's clock) runs out.
        await using (var connection = new NpgsqlConnection(TestServices.Postgres))
        {
            await connection.OpenAsync();
            await using var end = new NpgsqlCommand("UPDATE webhook_deliveries SET claimed_until = clock_timestamp() WHERE subscription_id = @s", connection);
            end.Parameters.AddWithValue("s", Guid.Parse(webhookId));
            Assert.Equal(1, await end.ExecuteNonQueryAsync());
        }
        var survivor = DeliveringHost();
        // And the claim moved the next attempt to the schedule's first retry (1 min): the survivor's clock is past it.
        survivor.Clock.Advance(TimeSpan.FromSeconds(61));
        await using var running = await PortalHost.StartAsync(survivor);
        var hook = await receiver.NextAsync(Arrival);
        await Assert.ThrowsAsync<TimeoutException>(() => receiver.NextAsync(TimeSpan.FromSeconds(2)));
        Assert.Single(receiver.All);
        var api2 = api.WithHost(survivor);
        var delivery = await EventuallyAsync(api2, webhookId, d => (string)d["state"]! == "delivered");
        Assert.Single(delivery["attempts"]!.AsArray());
        output.WriteLine(hook.Body);
    }

    [Fact]
    public async Task Two_instances_with_200_pending_events_deliver_each_exactly_once()
    {
        const int events = 200;
        await using var receiver = new WebhookReceiver();
        await using var a = await PortalHost.StartAsync(DeliveringHost());
        await using var b = await PortalHost.StartAsync(DeliveringHost());
        var api = await PublicApiClient.CreateAsync(a);
        var (webhookId, _) = await SubscribeAsync(api, receiver.Url, "contact.created");
        var apiOnB = api.WithHost(b);

        var started = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, events), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) => await (i % 2 == 0 ? api : apiOnB).CreateContactAsync(PublicApiClient.Phone()));
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (receiver.All.Count < events && DateTimeOffset.UtcNow < deadline) await Task.Delay(100);
        await Task.Delay(TimeSpan.FromSeconds(2));   // a duplicate would arrive by now
        output.WriteLine($"{receiver.All.Count} received in {(DateTimeOffset.UtcNow - started).TotalSeconds:F1} s");

        var ids = receiver.All.Select(r => r.Headers["Boltly-Event-Id"]).ToList();
        Assert.Equal(events, ids.Count);
        Assert.Equal(events, ids.Distinct().Count());
        var page = await api.OkJsonAsync(HttpMethod.Get, $"{Webhooks}/{webhookId}/deliveries?limit=100");
        Assert.All(page["data"]!.AsArray(), d => Assert.Single(d!["attempts"]!.AsArray()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_target_that_resolves_to_loopback_at_delivery_is_refused_and_recorded(bool onlyTheConnectionSeesIt)
    {
        await using var host = await PortalHost.StartAsync(DeliveringHost(allowLoopback: false));
        var name = $"rebind-{Guid.NewGuid():N}.example.com";
        IPAddress[] publicAddress = [TestHostNames.PublicAddress], loopback = [IPAddress.Loopback];
        // Lookups: at creation, before the POST, and when connecting.
        TestHostNames.AnswerInTurn(name, onlyTheConnectionSeesIt ? [publicAddress, publicAddress, loopback] : [publicAddress, loopback]);
        var api = await PublicApiClient.CreateAsync(host);
        var (webhookId, _) = await SubscribeAsync(api, $"https://{name}/hook", "contact.created");

        await api.CreateContactAsync(PublicApiClient.Phone());
        var delivery = await EventuallyAsync(api, webhookId, d => d["attempts"]!.AsArray().Count == 1);
        var attempt = delivery["attempts"]![0]!;
        output.WriteLine(attempt.ToJsonString());
        Assert.Null((int?)attempt["status_code"]);
        Assert.StartsWith("Refused:", (string)attempt["error"]!);
        Assert.Contains("127.0.0.1", (string)attempt["error"]!);
        Assert.Equal("pending", (string)delivery["state"]!);
    }

    [Fact]
    public async Task A_test_event_is_a_signed_ping_and_a_retry_sends_a_delivered_event_again()
    {
        await using var host = await PortalHost.StartAsync(DeliveringHost());
        await using var receiver = new WebhookReceiver();
        var api = await PublicApiClient.CreateAsync(host);
        var (webhookId, secret) = await SubscribeAsync(api, receiver.Url, "contact.updated");

        var test = await api.OkJsonAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/test", expected: HttpStatusCode.Accepted);
        Assert.Equal("ping", (string)test["event_type"]!);
        var ping = await receiver.NextAsync(Arrival);
        AssertSigned(ping, secret);
        Assert.Equal("ping", hookType(ping));
        Assert.Equal(webhookId, (string)JsonNode.Parse(ping.Body)!["data"]!["id"]!);

        var deliveryId = (string)test["id"]!;
        await EventuallyAsync(api, webhookId, d => (string)d["state"]! == "delivered");
        await api.OkJsonAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/deliveries/{deliveryId}/retry", expected: HttpStatusCode.Accepted);
        var again = await receiver.NextAsync(Arrival);
        Assert.Equal(ping.Headers["Boltly-Event-Id"], again.Headers["Boltly-Event-Id"]);
        var delivery = await EventuallyAsync(api, webhookId, d => (int)d["attempt_count"]! == 2);
        Assert.Equal("delivered", (string)delivery["state"]!);

        var missing = await api.SendAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/deliveries/{Guid.NewGuid()}/retry");
        await missing.AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        static string hookType(ReceivedWebhook r) => r.Headers["Boltly-Event-Type"];
    }

    [Fact]
    public async Task After_3_days_of_failures_the_subscription_is_disabled_and_re_enabled_with_PATCH()
    {
        await using var host = await PortalHost.StartAsync(DeliveringHost());
        await using var receiver = new WebhookReceiver();
        receiver.AnswerWith([.. Enumerable.Repeat(503, 50)]);
        var api = await PublicApiClient.CreateAsync(host);
        var (webhookId, _) = await SubscribeAsync(api, receiver.Url, "contact.created");
        await api.CreateContactAsync(PublicApiClient.Phone());

        // Move the clock to each next attempt until the delivery ends.
        // attempt_count and next_attempt_at come from one row; the attempts list is read after it.
        JsonNode delivery = await EventuallyAsync(api, webhookId, d => (int)d["attempt_count"]! == 1);
        for (var attempts = 1; (string)delivery["state"]! == "pending"; attempts++)
        {
            var next = DateTimeOffset.Parse((string)delivery["next_attempt_at"]!, System.Globalization.CultureInfo.InvariantCulture);
            host.Clock.Advance(next - host.Clock.GetUtcNow() + TimeSpan.FromSeconds(1));
            var count = attempts + 1;
            output.WriteLine($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} attempt {count} due {next:HH:mm:ss}, clock {host.Clock.GetUtcNow():HH:mm:ss}, received {receiver.All.Count}");
            delivery = await EventuallyAsync(api, webhookId, d => (int)d["attempt_count"]! == count);
            Assert.True(attempts < 20, "retries never ended");
        }
        Assert.Equal("failed", (string)delivery["state"]!);
        output.WriteLine($"{delivery["attempts"]!.AsArray().Count} attempts");
        Assert.Equal(10, delivery["attempts"]!.AsArray().Count);   // 1 + six backoffs + daily until 72 h

        api = await api.ReissuedAsync();
        var listed = Assert.Single((await api.OkJsonAsync(HttpMethod.Get, Webhooks))["data"]!.AsArray())!;
        Assert.False((bool)listed["enabled"]!);
        Assert.NotNull((string?)listed["disabled_at"]);

        // Disabled: new events are not delivered.
        receiver.AnswerWith();
        var before = receiver.All.Count;
        await api.CreateContactAsync(PublicApiClient.Phone());
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(before, receiver.All.Count);

        var enabled = await api.OkJsonAsync(HttpMethod.Patch, $"{Webhooks}/{webhookId}", new { enabled = true });
        Assert.True((bool)enabled["enabled"]!);
        Assert.Null((string?)enabled["disabled_at"]);
        await (await api.SendAsync(HttpMethod.Patch, $"{Webhooks}/{webhookId}", new { })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task The_purge_deletes_attempts_older_than_30_days()
    {
        await using var host = await PortalHost.StartAsync(DeliveringHost());
        await using var receiver = new WebhookReceiver();
        var api = await PublicApiClient.CreateAsync(host);
        var (webhookId, _) = await SubscribeAsync(api, receiver.Url, "contact.created");
        await api.CreateContactAsync(PublicApiClient.Phone());
        await receiver.NextAsync(Arrival);
        await EventuallyAsync(api, webhookId, d => (string)d["state"]! == "delivered");

        var purge = host.Services.GetServices<IScheduledJob>().OfType<WebhookAttemptPurge>().Single();
        await using (var scope = host.Services.CreateAsyncScope()) await purge.RunAsync(scope.ServiceProvider, CancellationToken.None);
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, $"{Webhooks}/{webhookId}/deliveries"))["data"]!.AsArray());

        host.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(1));
        await using (var scope = host.Services.CreateAsyncScope()) await purge.RunAsync(scope.ServiceProvider, CancellationToken.None);
        api = await api.ReissuedAsync();
        Assert.Empty((await api.OkJsonAsync(HttpMethod.Get, $"{Webhooks}/{webhookId}/deliveries"))["data"]!.AsArray());
    }

    private static async Task<(string Id, string Secret)> SubscribeAsync(PublicApiClient api, string url, params string[] events)
    {
        var created = await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url, events }, expected: HttpStatusCode.Created);
        return ((string)created["id"]!, (string)created["signing_secret"]!);
    }

    /// <summary>Verifies the signature as a receiver would (docs/webhooks.md).</summary>
    private static void AssertSigned(ReceivedWebhook hook, string secret)
    {
        var parts = hook.Headers["Boltly-Signature"].Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        var t = long.Parse(parts["t"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - t, -300, 300 + 60 * 60 * 24 * 31);
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{parts["t"]}.{hook.Body}"));
        Assert.True(CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(parts["v1"])), "the signature does not verify");
    }

    /// <summary>The newest delivery of the subscription once it matches (the worker records asynchronously).</summary>
    private static async Task<JsonNode> EventuallyAsync(PublicApiClient api, string webhookId, Func<JsonNode, bool> matches)
    {
        // The test may have moved the host's clock past the session token's expiry.
        api = await api.ReissuedAsync();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        JsonNode? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var page = await api.OkJsonAsync(HttpMethod.Get, $"{Webhooks}/{webhookId}/deliveries");
            last = page["data"]!.AsArray().FirstOrDefault();
            if (last is not null && matches(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The delivery never matched; last seen: {last?.ToJsonString()}");
    }
}
