using System.Net;
using System.Text.Json.Nodes;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.PublicApi;

public sealed class ContactsApiTests(SharedPortal portal)
{
    [Fact]
    public async Task Create_get_update_and_delete_a_contact_with_scoped_keys()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var write = await api.KeyAsync("contacts:write");
        var read = await api.KeyAsync("contacts:read");
        var manage = await api.KeyAsync("contacts:manage");

        var created = await api.OkJsonAsync(HttpMethod.Post, "/v1/contacts", new
        {
            phone = "+14155550100", name = "Ada Lovelace", email = "ada@example.com", tags = new[] { "VIP", "vip", "beta" },
            attributes = new { plan = "pro", seats = 3, trial = false },
        }, write, HttpStatusCode.Created);
        var id = (string)created["id"]!;
        Assert.Equal("+14155550100", (string?)created["phone"]);
        Assert.Equal(["vip", "beta"], created["tags"]!.AsArray().Select(t => (string)t!).ToArray());
        Assert.Equal(3, (int?)created["attributes"]!["seats"]);

        var got = await api.OkJsonAsync(HttpMethod.Get, $"/v1/contacts/{id}", key: read);
        Assert.Equal("Ada Lovelace", (string?)got["name"]);

        // Partial: only the name changes; attributes merge and a null removes a key.
        var patched = await api.OkJsonAsync(HttpMethod.Patch, $"/v1/contacts/{id}",
            new Dictionary<string, object?> { ["name"] = "Ada King", ["attributes"] = new Dictionary<string, object?> { ["trial"] = null, ["tier"] = "gold" } }, write);
        Assert.Equal("Ada King", (string?)patched["name"]);
        Assert.Equal("ada@example.com", (string?)patched["email"]);
        Assert.Equal("+14155550100", (string?)patched["phone"]);
        var attributes = patched["attributes"]!.AsObject();
        Assert.False(attributes.ContainsKey("trial"));
        Assert.Equal("gold", (string?)attributes["tier"]);
        Assert.Equal("pro", (string?)attributes["plan"]);

        var cleared = await api.OkJsonAsync(HttpMethod.Patch, $"/v1/contacts/{id}", new { email = "" }, write);
        Assert.Null((string?)cleared["email"]);

        var delete = await api.SendAsync(HttpMethod.Delete, $"/v1/contacts/{id}", key: manage);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        await (await api.SendAsync(HttpMethod.Get, $"/v1/contacts/{id}", key: read)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Delete, $"/v1/contacts/{id}", key: manage)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task A_duplicate_phone_is_409_CONTACT_EXISTS_on_create_and_on_update()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        await api.CreateContactAsync("+14155550111");
        var other = await api.CreateContactAsync("+14155550112");

        await (await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = "+14155550111" })).AssertErrorAsync(HttpStatusCode.Conflict, "CONTACT_EXISTS");
        await (await api.SendAsync(HttpMethod.Patch, $"/v1/contacts/{other}", new { phone = "+14155550111" })).AssertErrorAsync(HttpStatusCode.Conflict, "CONTACT_EXISTS");

        // Another account may hold the same number.
        var second = await PublicApiClient.CreateAsync(portal.Host);
        await second.CreateContactAsync("+14155550111");
    }

    [Fact]
    public async Task Invalid_fields_are_VALIDATION_FAILED_with_details_per_field()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var response = await api.SendAsync(HttpMethod.Post, "/v1/contacts", new
        {
            phone = "0415 555 0100", email = "not-an-email", tags = new[] { "ok", "bad tag!" },
            attributes = new { nested = new { no = 1 } },
        });
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var details = (await response.JsonAsync())["details"]!.AsObject();
        Assert.True(details.ContainsKey("phone"));
        Assert.True(details.ContainsKey("email"));
        Assert.True(details.ContainsKey("tags[1]"));
        Assert.True(details.ContainsKey("attributes.nested"));

        var tooMany = new JsonObject();
        for (var i = 0; i < 51; i++) tooMany[$"k{i}"] = i;
        var big = await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = "+14155550100", attributes = tooMany });
        await big.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True((await big.JsonAsync())["details"]!.AsObject().ContainsKey("attributes"));

        var missing = await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { name = "No phone" });
        await missing.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True((await missing.JsonAsync())["details"]!.AsObject().ContainsKey("phone"));

        var malformed = new HttpRequestMessage(HttpMethod.Post, "/v1/contacts") { Content = new StringContent("{\"phone\":", System.Text.Encoding.UTF8, "application/json") }.WithBearer(api.Jwt);
        await (await api.Http.SendAsync(malformed)).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        var id = await api.CreateContactAsync(PublicApiClient.Phone());
        await (await api.SendAsync(HttpMethod.Patch, $"/v1/contacts/{id}", new { phone = "12345" })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await api.SendAsync(HttpMethod.Post, $"/v1/contacts/{id}/tags", new { tag = "" })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await api.SendAsync(HttpMethod.Get, "/v1/contacts?limit=0")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await api.SendAsync(HttpMethod.Get, "/v1/contacts?limit=abc")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await api.SendAsync(HttpMethod.Get, "/v1/contacts?tag=bad%20tag")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Tags_are_added_and_removed_one_at_a_time_and_the_list_filters_and_searches()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var manage = await api.KeyAsync("contacts:manage");
        var read = await api.KeyAsync("contacts:read");
        var ada = await api.CreateContactAsync("+14155550201");
        await api.OkJsonAsync(HttpMethod.Post, "/v1/contacts", new { phone = "+14155550202", name = "Grace Hopper" }, expected: HttpStatusCode.Created);

        var tagged = await api.OkJsonAsync(HttpMethod.Post, $"/v1/contacts/{ada}/tags", new { tag = "Newsletter" }, manage);
        Assert.Equal(["newsletter"], tagged["tags"]!.AsArray().Select(t => (string)t!).ToArray());
        var again = await api.OkJsonAsync(HttpMethod.Post, $"/v1/contacts/{ada}/tags", new { tag = "newsletter" }, manage);
        Assert.Single(again["tags"]!.AsArray());

        var byTag = await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?tag=newsletter", key: read);
        Assert.Equal([ada], byTag["data"]!.AsArray().Select(c => (string)c!["id"]!).ToArray());

        var byName = await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?q=grace", key: read);
        Assert.Equal(["Grace Hopper"], byName["data"]!.AsArray().Select(c => (string)c!["name"]!).ToArray());
        var byPhone = await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?q=5550201", key: read);
        Assert.Equal([ada], byPhone["data"]!.AsArray().Select(c => (string)c!["id"]!).ToArray());
        var wildcard = await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?q=%25", key: read);
        Assert.Empty(wildcard["data"]!.AsArray());

        var removed = await api.OkJsonAsync(HttpMethod.Delete, $"/v1/contacts/{ada}/tags/newsletter", key: manage);
        Assert.Empty(removed["tags"]!.AsArray());
        Assert.Empty((await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?tag=newsletter", key: read))["data"]!.AsArray());

        await (await api.SendAsync(HttpMethod.Post, $"/v1/contacts/{Guid.NewGuid()}/tags", new { tag = "x" })).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Delete, $"/v1/contacts/{Guid.NewGuid()}/tags/x")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Get, "/v1/contacts/not-a-guid")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Patch, $"/v1/contacts/{Guid.NewGuid()}", new { name = "x" })).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }

    [Fact]
    public async Task Deleting_a_contact_deletes_its_conversation_and_messages_and_nothing_else()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var gone = await api.CreateContactAsync(PublicApiClient.Phone(), "vip");
        var kept = await api.CreateContactAsync(PublicApiClient.Phone(), "vip");
        var goneConversation = await api.StartConversationAsync(gone);
        var keptConversation = await api.StartConversationAsync(kept);
        foreach (var conversation in new[] { goneConversation, goneConversation, keptConversation })
            await api.OkJsonAsync(HttpMethod.Post, $"/v1/conversations/{conversation}/messages", new { body = "Hello" }, expected: HttpStatusCode.Created);
        Assert.Equal(3, (await api.OkJsonAsync(HttpMethod.Get, "/v1/messages"))["data"]!.AsArray().Count);

        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/v1/contacts/{gone}")).StatusCode);

        await (await api.SendAsync(HttpMethod.Get, $"/v1/conversations/{goneConversation}")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Get, $"/v1/conversations/{goneConversation}/messages")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        var conversations = (await api.OkJsonAsync(HttpMethod.Get, "/v1/conversations"))["data"]!.AsArray();
        Assert.Equal([keptConversation], conversations.Select(c => (string)c!["id"]!).ToArray());
        var messages = (await api.OkJsonAsync(HttpMethod.Get, "/v1/messages"))["data"]!.AsArray();
        Assert.Equal([kept], messages.Select(m => (string)m!["contact_id"]!).ToArray());
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, $"/v1/conversations/{keptConversation}/messages"))["data"]!.AsArray());
    }

    [Fact]
    public async Task Concurrent_creates_of_one_phone_give_exactly_one_201_and_409_CONTACT_EXISTS_for_the_rest()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.KeyAsync("contacts:write", "contacts:read");
        var phone = PublicApiClient.Phone();
        for (var round = 0; round < 3; round++)
        {
            var roundPhone = round == 0 ? phone : PublicApiClient.Phone();
            using var start = new SemaphoreSlim(0);
            var requests = Enumerable.Range(0, 6).Select(async i =>
            {
                await start.WaitAsync();
                return await api.SendAsync(HttpMethod.Post, "/v1/contacts", new { phone = roundPhone, name = $"Racer {i}" }, i % 2 == 0 ? key : null);
            }).ToList();
            start.Release(requests.Count);
            var responses = await Task.WhenAll(requests);
            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
            foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
                await refused.AssertErrorAsync(HttpStatusCode.Conflict, "CONTACT_EXISTS");
        }
        var all = (await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?limit=100"))["data"]!.AsArray();
        Assert.Equal(3, all.Count);
        Assert.Single(all, c => (string?)c!["phone"] == phone);
    }
}
