using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.PublicApi;

public sealed class PaginationTests(SharedPortal portal)
{
    [Fact]
    public async Task Walking_27_contacts_with_a_key_gives_pages_of_10_and_with_a_session_up_to_100()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var created = new List<string>();
        for (var i = 0; i < 27; i++) created.Add(await api.CreateContactAsync($"+1415555{i:0000}"));
        created.Reverse(); // newest first
        var key = await api.KeyAsync("contacts:read");

        var seen = new List<string>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?limit=50" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), key: key);
            var data = page["data"]!.AsArray();
            sizes.Add(data.Count);
            seen.AddRange(data.Select(c => (string)c!["id"]!));
            cursor = (string?)page["next_cursor"];
            Assert.Equal(cursor is not null, (bool)page["has_more"]!);
            // Rows inserted while walking do not move the page boundary.
            if (seen.Count == 10) await api.CreateContactAsync("+14155559998");
        } while (cursor is not null);
        Assert.Equal([10, 10, 7], sizes);
        Assert.Equal(created, seen);

        var session = await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?limit=100");
        Assert.Equal(28, session["data"]!.AsArray().Count);
        Assert.False((bool)session["has_more"]!);

        var sessionPages = new List<int>();
        cursor = null;
        do
        {
            var page = await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?limit=12" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            sessionPages.Add(page["data"]!.AsArray().Count);
            cursor = (string?)page["next_cursor"];
        } while (cursor is not null);
        Assert.Equal([12, 12, 4], sessionPages);
    }

    [Fact]
    public async Task A_forged_or_foreign_cursor_is_400()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        for (var i = 0; i < 3; i++) await api.CreateContactAsync(PublicApiClient.Phone());
        var first = await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?limit=1");
        var cursor = (string)first["next_cursor"]!;

        foreach (var list in new[] { "/v1/contacts", "/v1/conversations", "/v1/messages", "/v1/templates", "/v1/broadcasts" })
        {
            var forged = await api.SendAsync(HttpMethod.Get, $"{list}?cursor=forged-{Guid.NewGuid():N}");
            await forged.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
            Assert.True((await forged.JsonAsync())["details"]!.AsObject().ContainsKey("cursor"));
        }
        // A real cursor of another list, of a filtered list, or of another account is refused too.
        await (await api.SendAsync(HttpMethod.Get, $"/v1/templates?cursor={Uri.EscapeDataString(cursor)}")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await api.SendAsync(HttpMethod.Get, $"/v1/contacts?tag=vip&cursor={Uri.EscapeDataString(cursor)}")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var other = await PublicApiClient.CreateAsync(portal.Host);
        await (await other.SendAsync(HttpMethod.Get, $"/v1/contacts?cursor={Uri.EscapeDataString(cursor)}")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Messages_lists_page_10_with_a_key_100_with_a_session_in_strict_newest_first_order()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var contact = await api.CreateContactAsync(PublicApiClient.Phone());
        var conversation = await api.StartConversationAsync(contact);
        // 105 messages made in a tight loop, most within the same millisecond: their order must still hold.
        var created = await AddMessagesAsync(api, Guid.Parse(conversation), Guid.Parse(contact), 105);
        created.Reverse();
        var key = await api.KeyAsync("inbox:read");

        foreach (var list in new[] { $"/v1/conversations/{conversation}/messages", "/v1/messages" })
        {
            var (keyPages, keySeen) = await WalkAsync(api, list + "?limit=500", key);
            Assert.Equal([.. Enumerable.Repeat(10, 10), 5], keyPages);
            Assert.Equal(created, keySeen);

            var (sessionPages, sessionSeen) = await WalkAsync(api, list + "?limit=500", null);
            Assert.Equal([100, 5], sessionPages);
            Assert.Equal(created, sessionSeen);
        }
    }

    [Fact]
    public async Task A_forged_or_foreign_cursor_is_400_on_a_conversations_messages()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var first = await api.StartConversationAsync(await api.CreateContactAsync(PublicApiClient.Phone()));
        var second = await api.StartConversationAsync(await api.CreateContactAsync(PublicApiClient.Phone()));
        for (var i = 0; i < 2; i++)
        {
            await api.OkJsonAsync(HttpMethod.Post, $"/v1/conversations/{first}/messages", new { body = $"m{i}" }, expected: HttpStatusCode.Created);
            await api.OkJsonAsync(HttpMethod.Post, $"/v1/conversations/{second}/messages", new { body = $"m{i}" }, expected: HttpStatusCode.Created);
        }
        var cursor = (string)(await api.OkJsonAsync(HttpMethod.Get, $"/v1/conversations/{first}/messages?limit=1"))["next_cursor"]!;
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, $"/v1/conversations/{first}/messages?cursor={Uri.EscapeDataString(cursor)}"))["data"]!.AsArray());

        var forged = await api.SendAsync(HttpMethod.Get, $"/v1/conversations/{first}/messages?cursor=forged-{Guid.NewGuid():N}");
        await forged.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True((await forged.JsonAsync())["details"]!.AsObject().ContainsKey("cursor"));
        // A real cursor of another conversation, of the account-wide list, or of another account.
        await (await api.SendAsync(HttpMethod.Get, $"/v1/conversations/{second}/messages?cursor={Uri.EscapeDataString(cursor)}")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await api.SendAsync(HttpMethod.Get, $"/v1/messages?cursor={Uri.EscapeDataString(cursor)}")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var other = await PublicApiClient.CreateAsync(portal.Host);
        var others = await other.StartConversationAsync(await other.CreateContactAsync(PublicApiClient.Phone()));
        await (await other.SendAsync(HttpMethod.Get, $"/v1/conversations/{others}/messages?cursor={Uri.EscapeDataString(cursor)}")).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    private static async Task<(List<int> Pages, List<string> Ids)> WalkAsync(PublicApiClient api, string path, string? key)
    {
        var pages = new List<int>();
        var ids = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.OkJsonAsync(HttpMethod.Get, path + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), key: key);
            var data = page["data"]!.AsArray();
            pages.Add(data.Count);
            ids.AddRange(data.Select(m => (string)m!["id"]!));
            cursor = (string?)page["next_cursor"];
            Assert.Equal(cursor is not null, (bool)page["has_more"]!);
        } while (cursor is not null);
        return (pages, ids);
    }

    /// <summary>Inbound messages written in one batch through the account-scoped context, in creation order.</summary>
    private static async Task<List<string>> AddMessagesAsync(PublicApiClient api, Guid conversation, Guid contact, int count)
    {
        await using var scope = api.Host.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateForAccountAsync(api.User.AccountId);
        var now = DateTimeOffset.UtcNow;
        var messages = Enumerable.Range(0, count).Select(i => new Message
        {
            ConversationId = conversation, ContactId = contact, Direction = MessageDirection.Inbound, Body = $"Message {i}",
            Status = MessageStatus.Received, CreatedAt = now, UpdatedAt = now,
        }).ToList();
        db.Messages.AddRange(messages);
        await db.SaveChangesAsync();
        return messages.Select(m => m.Id.ToString()).ToList();
    }
}
