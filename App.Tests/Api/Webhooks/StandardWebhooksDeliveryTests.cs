using System.Net;
using System.Text.Json.Nodes;
using Boltly.Tests.Api.PublicApi;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Boltly.Tests.Api.Webhooks.ReceivedSignatures;

namespace Boltly.Tests.Api.Webhooks;

/// <summary>
/// Issue 26: real deliveries to a loopback receiver verified with the StandardWebhooks NuGet library and with
/// <c>Boltly-Signature</c>; a rotated secret overlapping the new one (both verify) and ending (only the new one does),
/// by moving the host's clock; redelivery of one delivery and of everything that failed since a time, each with the
/// event's own id.
/// </summary>
[Collection(WebhookWorkers.Name)]
public sealed class StandardWebhooksDeliveryTests(ITestOutputHelper output)
{
    private const string Webhooks = "/v1/developer-access/webhooks";
    private static readonly TimeSpan Arrival = TimeSpan.FromSeconds(5);

    private static PortalHost DeliveringHost() => new(new Dictionary<string, string?>
    {
        ["Webhooks:AllowLoopback"] = "true",
        ["Webhooks:DeliveryWorkerEnabled"] = "true",
    });

    [Fact]
    public async Task A_delivery_verifies_with_the_StandardWebhooks_library_and_with_Boltly_Signature()
    {
        await using var host = await PortalHost.StartAsync(DeliveringHost());
        await using var receiver = new WebhookReceiver();
        var api = await PublicApiClient.CreateAsync(host);
        var (_, secret) = await SubscribeAsync(api, receiver.Url, "contact.created");
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);

        await api.CreateContactAsync(PublicApiClient.Phone());
        var hook = await receiver.NextAsync(Arrival);
        output.WriteLine(string.Join("\n", hook.Headers.Where(h => h.Key.StartsWith("webhook", StringComparison.OrdinalIgnoreCase) || h.Key.StartsWith("Boltly", StringComparison.Ordinal))));

        Assert.True(VerifiesWithStandardLibrary(hook, secret), "the StandardWebhooks library refused the delivery");
        Assert.True(VerifiesBoltlySignature(hook, secret), "Boltly-Signature does not verify");
        Assert.False(VerifiesWithStandardLibrary(hook, "whsec_" + Convert.ToBase64String(new byte[32])), "any key verifies");
        var id = (string)JsonNode.Parse(hook.Body)!["id"]!;
        Assert.Equal(id, hook.Headers["webhook-id"]);
        Assert.Equal(id, hook.Headers["Boltly-Event-Id"]);
        Assert.Equal(hook.Headers["Boltly-Signature"].Split(',')[0], "t=" + hook.Headers["webhook-timestamp"]);
        Assert.Equal((1, 1), SignatureCounts(hook));
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_verify_and_after_the_overlap_only_the_new_one()
    {
        await using var host = await PortalHost.StartAsync(DeliveringHost());
        await using var receiver = new WebhookReceiver();
        var api = await PublicApiClient.CreateAsync(host);
        var (webhookId, old) = await SubscribeAsync(api, receiver.Url, "contact.created");

        var tooLong = await api.SendAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/rotate-secret", new { overlap_seconds = 604_801 });
        await tooLong.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await api.SendAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/rotate-secret", new { overlap_seconds = -1 }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        // An overlap the library's 5-minute timestamp tolerance can span: the clock moves past it below.
        var response = await api.SendAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/rotate-secret", new { overlap_seconds = 60 });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var rotated = await response.JsonAsync();
        var fresh = (string)rotated["signing_secret"]!;
        Assert.NotEqual(old, fresh);
        Assert.StartsWith("whsec_", fresh);
        var until = DateTimeOffset.Parse((string)rotated["previous_secret_expires_at"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(until - host.Clock.GetUtcNow(), TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(60));

        await api.CreateContactAsync(PublicApiClient.Phone());
        var during = await receiver.NextAsync(Arrival);
        Assert.Equal((2, 2), SignatureCounts(during));
        foreach (var secret in new[] { old, fresh })
        {
            Assert.True(VerifiesWithStandardLibrary(during, secret), "a secret of the overlap does not verify with the library");
            Assert.True(VerifiesBoltlySignature(during, secret), "a secret of the overlap does not verify Boltly-Signature");
        }

        host.Clock.Advance(TimeSpan.FromSeconds(61));
        await api.CreateContactAsync(PublicApiClient.Phone());
        var after = await receiver.NextAsync(Arrival);
        Assert.Equal((1, 1), SignatureCounts(after));
        Assert.True(VerifiesWithStandardLibrary(after, fresh));
        Assert.True(VerifiesBoltlySignature(after, fresh));
        Assert.False(VerifiesWithStandardLibrary(after, old), "the old secret still verifies after the overlap");
        Assert.False(VerifiesBoltlySignature(after, old));

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = await db.SecurityEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.AccountId == api.User.AccountId && e.Type == "webhook_secret_rotated")
            .Select(e => e.Detail).ToListAsync();
        var detail = Assert.Single(events);
        Assert.Contains("overlap 60 s", detail);
        Assert.DoesNotContain(fresh["whsec_".Length..], detail!);
    }

    [Fact]
    public async Task Redelivery_keeps_the_event_id_and_redeliver_since_sends_every_failed_event_again()
    {
        await using var host = await PortalHost.StartAsync(DeliveringHost());
        await using var receiver = new WebhookReceiver();
        receiver.AnswerWith(500, 500);
        var api = await PublicApiClient.CreateAsync(host);
        var (webhookId, secret) = await SubscribeAsync(api, receiver.Url, "contact.created");

        // Two test events: each is one attempt, failed (500) and then final.
        var first = await api.OkJsonAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/test", expected: HttpStatusCode.Accepted);
        var firstHook = await receiver.NextAsync(Arrival);
        var second = await api.OkJsonAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/test", expected: HttpStatusCode.Accepted);
        var secondHook = await receiver.NextAsync(Arrival);
        await EventuallyAsync(api, webhookId, page => page.Count(d => (string)d!["state"]! == "failed") == 2);

        // One delivery, again: the same event, the same webhook-id, verified like the first.
        await api.OkJsonAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/deliveries/{(string)first["id"]!}/retry", expected: HttpStatusCode.Accepted);
        var again = await receiver.NextAsync(Arrival);
        Assert.Equal(firstHook.Headers["webhook-id"], again.Headers["webhook-id"]);
        Assert.Equal(firstHook.Body, again.Body);
        Assert.True(VerifiesWithStandardLibrary(again, secret));
        await EventuallyAsync(api, webhookId, page => page.Any(d => (string)d!["id"]! == (string)first["id"]! && (string)d["state"]! == "delivered"));

        // Everything that failed in the last hour: the second event only (the first is delivered now).
        await (await api.SendAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/redeliver", new { since = host.Clock.GetUtcNow().AddDays(-4) }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await api.SendAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/redeliver", new { }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var redelivered = await api.OkJsonAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/redeliver",
            new { since = host.Clock.GetUtcNow().AddHours(-1) }, expected: HttpStatusCode.Accepted);
        Assert.Equal(1, (int)redelivered["redelivered"]!);
        var resent = await receiver.NextAsync(Arrival);
        Assert.Equal(secondHook.Headers["webhook-id"], resent.Headers["webhook-id"]);
        Assert.True(VerifiesWithStandardLibrary(resent, secret));
        var deliveries = await EventuallyAsync(api, webhookId, page => page.All(d => (string)d!["state"]! == "delivered"));
        Assert.Equal(2, deliveries.Single(d => (string)d!["id"]! == (string)second["id"]!)!["attempt_count"]!.GetValue<int>());

        // Older than 30 days: no such delivery to redeliver.
        host.Clock.Advance(TimeSpan.FromDays(31));
        api = await api.ReissuedAsync();
        await (await api.SendAsync(HttpMethod.Post, $"{Webhooks}/{webhookId}/deliveries/{(string)first["id"]!}/retry"))
            .AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    private static async Task<(string Id, string Secret)> SubscribeAsync(PublicApiClient api, string url, params string[] events)
    {
        var created = await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url, events }, expected: HttpStatusCode.Created);
        return ((string)created["id"]!, (string)created["signing_secret"]!);
    }

    /// <summary>The subscription's deliveries once they match (the worker records asynchronously).</summary>
    private static async Task<JsonArray> EventuallyAsync(PublicApiClient api, string webhookId, Func<JsonArray, bool> matches)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(10);
        JsonArray? last = null;
        while (DateTimeOffset.UtcNow < deadline)
        {
            last = (await api.OkJsonAsync(HttpMethod.Get, $"{Webhooks}/{webhookId}/deliveries"))["data"]!.AsArray();
            if (last.Count > 0 && matches(last)) return last;
            await Task.Delay(100);
        }
        throw new TimeoutException($"The deliveries never matched; last seen: {last?.ToJsonString()}");
    }
}
