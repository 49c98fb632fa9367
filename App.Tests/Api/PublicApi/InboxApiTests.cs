using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.PublicApi;

public sealed class InboxApiTests(SharedPortal portal)
{
    [Fact]
    public async Task Start_a_conversation_send_a_queued_message_list_and_close()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var write = await api.KeyAsync("inbox:write");
        var read = await api.KeyAsync("inbox:read");
        var contact = await api.CreateContactAsync(PublicApiClient.Phone());

        var started = await api.OkJsonAsync(HttpMethod.Post, "/v1/conversations", new { contact_id = contact }, write, HttpStatusCode.Created);
        var id = (string)started["id"]!;
        Assert.Equal("open", (string?)started["status"]);
        Assert.Equal(0, (int?)started["unread_count"]);
        Assert.Null((string?)started["last_message_at"]);
        // One conversation per contact: starting again returns it.
        var again = await api.OkJsonAsync(HttpMethod.Post, "/v1/conversations", new { contact_id = contact }, write);
        Assert.Equal(id, (string?)again["id"]);

        var message = await api.OkJsonAsync(HttpMethod.Post, $"/v1/conversations/{id}/messages", new { body = "Your order shipped" }, write, HttpStatusCode.Created);
        Assert.Equal("queued", (string?)message["status"]);
        Assert.Equal("outbound", (string?)message["direction"]);
        Assert.Equal(contact, (string?)message["contact_id"]);

        var conversation = await api.OkJsonAsync(HttpMethod.Get, $"/v1/conversations/{id}", key: read);
        Assert.NotNull((string?)conversation["last_message_at"]);
        var messages = await api.OkJsonAsync(HttpMethod.Get, $"/v1/conversations/{id}/messages", key: read);
        Assert.Equal((string?)message["id"], (string?)messages["data"]![0]!["id"]);
        var all = await api.OkJsonAsync(HttpMethod.Get, "/v1/messages?direction=outbound", key: read);
        Assert.Single(all["data"]!.AsArray());
        Assert.Empty((await api.OkJsonAsync(HttpMethod.Get, "/v1/messages?direction=inbound", key: read))["data"]!.AsArray());

        var closed = await api.OkJsonAsync(HttpMethod.Patch, $"/v1/conversations/{id}", new { status = "closed", mark_read = true }, write);
        Assert.Equal("closed", (string?)closed["status"]);
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, "/v1/conversations?status=closed", key: read))["data"]!.AsArray());
        Assert.Empty((await api.OkJsonAsync(HttpMethod.Get, "/v1/conversations?status=open", key: read))["data"]!.AsArray());
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, $"/v1/conversations?contact_id={contact}", key: read))["data"]!.AsArray());
        var reopened = await api.OkJsonAsync(HttpMethod.Patch, $"/v1/conversations/{id}", new { status = "open" }, write);
        Assert.Equal("open", (string?)reopened["status"]);
    }

    [Fact]
    public async Task Inbox_validation_and_not_found()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var contact = await api.CreateContactAsync(PublicApiClient.Phone());
        var id = await api.StartConversationAsync(contact);

        async Task Invalid(HttpMethod method, string path, object? body, string field)
        {
            var response = await api.SendAsync(method, path, body);
            await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
            Assert.True((await response.JsonAsync())["details"]!.AsObject().ContainsKey(field), await response.Content.ReadAsStringAsync());
        }
        await Invalid(HttpMethod.Post, $"/v1/conversations/{id}/messages", new { body = new string('x', 4097) }, "body");
        await Invalid(HttpMethod.Post, $"/v1/conversations/{id}/messages", new { body = "" }, "body");
        await Invalid(HttpMethod.Patch, $"/v1/conversations/{id}", new { status = "archived" }, "status");
        await Invalid(HttpMethod.Patch, $"/v1/conversations/{id}", new { }, "status");
        await Invalid(HttpMethod.Post, "/v1/conversations", new { }, "contact_id");
        await Invalid(HttpMethod.Post, "/v1/conversations", new { contact_id = "nope" }, "contact_id");
        await Invalid(HttpMethod.Get, "/v1/conversations?status=maybe", null, "status");
        await Invalid(HttpMethod.Get, "/v1/messages?direction=sideways", null, "direction");
        var max = await api.SendAsync(HttpMethod.Post, $"/v1/conversations/{id}/messages", new { body = new string('x', 4096) });
        Assert.Equal(HttpStatusCode.Created, max.StatusCode);

        var missing = Guid.NewGuid();
        await (await api.SendAsync(HttpMethod.Get, $"/v1/conversations/{missing}")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Get, $"/v1/conversations/{missing}/messages")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Post, $"/v1/conversations/{missing}/messages", new { body = "x" })).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Patch, $"/v1/conversations/{missing}", new { status = "closed" })).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Post, "/v1/conversations", new { contact_id = missing })).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Get, "/v1/conversations/123")).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
    }
}
