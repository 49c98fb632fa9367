using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.PublicApi;

public sealed class IdempotencyTests(SharedPortal portal)
{
    [Fact]
    public async Task The_same_POST_twice_creates_one_contact_and_returns_the_first_response()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.KeyAsync("contacts:write", "contacts:read");
        var body = new { phone = "+14155550300", name = "Ada" };

        var first = await api.SendAsync(HttpMethod.Post, "/v1/contacts", body, key, "create-ada-1");
        var second = await api.SendAsync(HttpMethod.Post, "/v1/contacts", body, key, "create-ada-1");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await CountContactsAsync(api));

        // Without the key, the same request is a new request: the duplicate phone is refused.
        await (await api.SendAsync(HttpMethod.Post, "/v1/contacts", body, key)).AssertErrorAsync(HttpStatusCode.Conflict, "CONTACT_EXISTS");
        // The same key with a different body is a conflict, and creates nothing.
        await (await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = "+14155550301" }, key, "create-ada-1"))
            .AssertErrorAsync(HttpStatusCode.Conflict, "IDEMPOTENCY_CONFLICT");
        Assert.Equal(1, await CountContactsAsync(api));
        // Keys belong to one API key: another key (or the session) may use the same string for its own request.
        var otherKey = await api.KeyAsync("contacts:write");
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = "+14155550302" }, otherKey, "create-ada-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = "+14155550303" }, null, "create-ada-1")).StatusCode);
        Assert.Equal(3, await CountContactsAsync(api));
    }

    [Fact]
    public async Task Ten_concurrent_duplicates_create_one_row_and_all_get_the_same_response()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.KeyAsync("contacts:write", "inbox:write");
        var contact = await api.CreateContactAsync(PublicApiClient.Phone());
        var conversation = await api.StartConversationAsync(contact);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            api.SendAsync(HttpMethod.Post, $"/v1/conversations/{conversation}/messages", new { body = "Only once" }, key, "msg-1")));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Single(bodies.Distinct());
        var page = await api.OkJsonAsync(HttpMethod.Get, $"/v1/conversations/{conversation}/messages");
        Assert.Single(page["data"]!.AsArray());
    }

    [Fact]
    public async Task A_failed_request_releases_the_key_and_a_bad_key_is_refused()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        // A validation failure is a stored answer (4xx): the retry gets the same 400.
        var bad = await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = "nope" }, null, "k-400");
        await bad.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var again = await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = "nope" }, null, "k-400");
        await again.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));

        var tooLong = await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = PublicApiClient.Phone() }, null, new string('k', 256));
        await tooLong.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal(0, await CountContactsAsync(api));
    }

    [Fact]
    public async Task An_expired_key_can_be_used_again_after_24_hours()
    {
        var host = await PortalHost.StartAsync(new PortalHost());
        try
        {
            var api = await PublicApiClient.CreateAsync(host);
            Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = PublicApiClient.Phone() }, null, "day-1")).StatusCode);
            await (await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = PublicApiClient.Phone() }, null, "day-1")).AssertErrorAsync(HttpStatusCode.Conflict, "IDEMPOTENCY_CONFLICT");
            host.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
            // The old JWT has expired with the clock move: a new one for the same user.
            var jwt = await PublicApiClient.IssueJwtAsync(host, api.User);
            var request = new HttpRequestMessage(HttpMethod.Post, "/v1/contacts") { Content = System.Net.Http.Json.JsonContent.Create(new { phone = PublicApiClient.Phone() }) }
                .WithBearer(jwt);
            request.Headers.Add("Idempotency-Key", "day-1");
            Assert.Equal(HttpStatusCode.Created, (await api.Http.SendAsync(request)).StatusCode);
            Assert.Equal(2, await CountContactsAsync(api));
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    private async Task<int> CountContactsAsync(PublicApiClient api)
    {
        await using var scope = api.Host.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateForAccountAsync(api.User.AccountId);
        return await db.Contacts.CountAsync();
    }
}
