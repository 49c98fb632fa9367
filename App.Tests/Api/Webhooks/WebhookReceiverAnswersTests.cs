using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Boltly.Tests.Api.PublicApi;
using Boltly.Tests.Infrastructure;
using Npgsql;

namespace Boltly.Tests.Api.Webhooks;

/// <summary>
/// What a receiver's answer does to a delivery on the outbox (docs/webhooks.md): 410 Gone stops at once, Retry-After sets
/// the next attempt, and a delivery that cannot even be prepared is a failed attempt given up at 3 days. On a database of
/// the test's own: these hosts' delivery workers and moved clocks touch no other test's deliveries.
/// </summary>
public sealed class WebhookReceiverAnswersTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Webhooks = "/v1/developer-access/webhooks";
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(10);
    private readonly MailInbox _inbox = new();
    private IsolatedDatabase _database = null!;

    public async ValueTask InitializeAsync() => _database = await IsolatedDatabase.CreateAsync();

    public async ValueTask DisposeAsync()
    {
        _inbox.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_receiver_answering_410_disables_the_subscription_at_once_and_the_owners_are_mailed()
    {
        await using var host = await StartHostAsync();
        await using var receiver = new WebhookReceiver();
        receiver.AnswerWith(410);
        var api = await PublicApiClient.CreateAsync(host);
        var webhookId = await SubscribeAsync(api, receiver.Url);

        await api.CreateContactAsync(PublicApiClient.Phone());
        await receiver.NextAsync(Arrival);
        var delivery = await EventuallyAsync(api, webhookId, d => (string)d["state"]! == "failed");
        Assert.Equal(1, (int)delivery["attempt_count"]!);
        Assert.Equal(410, (int)Assert.Single(delivery["attempts"]!.AsArray())!["status_code"]!);

        var listed = Assert.Single((await api.OkJsonAsync(HttpMethod.Get, Webhooks))["data"]!.AsArray())!;
        Assert.False((bool)listed["enabled"]!);
        Assert.NotNull((string?)listed["disabled_at"]);
        // The owner also got the new-device mail of the test's sign-in: the one that counts is the disabled notice.
        var deadline = DateTime.UtcNow.AddSeconds(20);
        IReadOnlyList<(string Id, string Subject)> mails;
        while ((mails = (await _inbox.MessagesToAsync(api.User.Email)).Where(m => m.Subject.Contains("disabled", StringComparison.Ordinal)).ToList()).Count == 0
            && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        var mail = Assert.Single(mails);
        output.WriteLine(mail.Subject);
        Assert.Contains(receiver.Url, await _inbox.PlainTextAsync(mail.Id));
    }

    [Fact]
    public async Task Retry_After_on_a_429_or_503_sets_the_next_attempt_in_seconds_or_as_a_date()
    {
        await using var host = await StartHostAsync();
        await using var receiver = new WebhookReceiver();
        receiver.AnswerWithRetryAfter(429, "120");
        var api = await PublicApiClient.CreateAsync(host);
        var webhookId = await SubscribeAsync(api, receiver.Url);

        await api.CreateContactAsync(PublicApiClient.Phone());
        await receiver.NextAsync(Arrival);
        var first = await EventuallyAsync(api, webhookId, d => (int)d["attempt_count"]! == 1);
        Assert.Equal("pending", (string)first["state"]!);
        Assert.InRange(NextAttempt(first) - host.Clock.GetUtcNow(), TimeSpan.FromSeconds(110), TimeSpan.FromSeconds(121));

        // Past the schedule's first retry (1 min) but not the receiver's 120 s: nothing is sent.
        host.Clock.Advance(TimeSpan.FromSeconds(65));
        await Assert.ThrowsAsync<TimeoutException>(() => receiver.NextAsync(TimeSpan.FromSeconds(2)));

        var date = host.Clock.GetUtcNow().AddSeconds(56 + 300);
        receiver.AnswerWithRetryAfter(503, date.ToString("r", CultureInfo.InvariantCulture));
        host.Clock.Advance(TimeSpan.FromSeconds(56));
        await receiver.NextAsync(Arrival);
        var second = await EventuallyAsync(api, webhookId, d => (int)d["attempt_count"]! == 2);
        Assert.Equal("pending", (string)second["state"]!);
        Assert.InRange(NextAttempt(second) - date, TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_delivery_that_cannot_be_prepared_is_a_failed_attempt_and_is_given_up_at_3_days()
    {
        await using var host = await StartHostAsync();
        await using var receiver = new WebhookReceiver();
        var api = await PublicApiClient.CreateAsync(host);
        var webhookId = await SubscribeAsync(api, receiver.Url);
        // A secret the key ring cannot unprotect (a key ring lost or replaced).
        await ExecuteAsync($"UPDATE webhook_subscriptions SET protected_secret = 'not-a-protected-secret' WHERE id = '{webhookId}'");

        await api.CreateContactAsync(PublicApiClient.Phone());
        var first = await EventuallyAsync(api, webhookId, d => (int)d["attempt_count"]! == 1);
        Assert.Equal("pending", (string)first["state"]!);
        var attempt = Assert.Single(first["attempts"]!.AsArray())!;
        output.WriteLine(attempt.ToJsonString());
        Assert.Null((int?)attempt["status_code"]);
        Assert.Contains("could not be prepared", (string)attempt["error"]!);
        Assert.InRange(NextAttempt(first) - host.Clock.GetUtcNow(), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(61));

        host.Clock.Advance(TimeSpan.FromHours(72) + TimeSpan.FromMinutes(1));
        var last = await EventuallyAsync(api, webhookId, d => (string)d["state"]! == "failed");
        Assert.Equal(2, (int)last["attempt_count"]!);
        Assert.Empty(receiver.All);
        api = await api.ReissuedAsync();
        Assert.False((bool)Assert.Single((await api.OkJsonAsync(HttpMethod.Get, Webhooks))["data"]!.AsArray())!["enabled"]!);
    }

    private async Task<PortalHost> StartHostAsync() => await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = _database.ConnectionString,
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:DeliveryWorkerEnabled"] = "true",
    }));

    private static DateTimeOffset NextAttempt(JsonNode delivery) =>
        DateTimeOffset.Parse((string)delivery["next_attempt_at"]!, CultureInfo.InvariantCulture);

    private static async Task<string> SubscribeAsync(PublicApiClient api, string url)
    {
        var created = await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url, events = new[] { "contact.created" } }, expected: HttpStatusCode.Created);
        return (string)created["id"]!;
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    /// <summary>The newest delivery of the subscription once it matches (the worker records asynchronously).</summary>
    private static async Task<JsonNode> EventuallyAsync(PublicApiClient api, string webhookId, Func<JsonNode, bool> matches)
    {
        api = await api.ReissuedAsync();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
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
