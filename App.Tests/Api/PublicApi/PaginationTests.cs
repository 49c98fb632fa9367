using System.Net;
using Boltly.Tests.Infrastructure;

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
}
