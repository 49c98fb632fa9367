using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Members;

/// <summary><c>GET /v1/account/audit-log</c>: actor, member acted on, filters, newest first, cursor pages (API.md "Audit log").</summary>
public sealed class AuditLogApiTests(SharedPortal portal)
{
    [Fact]
    public async Task Member_changes_name_actor_and_member_filter_and_page()
    {
        var members = await TestMembers.AccountWithEveryRoleAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        var owner = await client.AccessTokenAsync(members[MemberRoles.Owner]);
        var viewer = await client.AccessTokenAsync(members[MemberRoles.Viewer]);
        var developerId = members[MemberRoles.Developer].UserId;

        foreach (var role in new[] { "viewer", "developer", "admin" })
            Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Patch, $"/v1/account/members/{developerId}", owner, new { role })).StatusCode);

        // Any role reads it; the newest first, filtered by action.
        var changes = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/audit-log?action=member_role_changed", viewer)).JsonAsync();
        var entries = changes["data"]!.AsArray();
        Assert.Equal(3, entries.Count);
        Assert.Equal("developer → admin", (string?)entries[0]!["detail"]);
        Assert.Equal("member", (string?)entries[0]!["actor"]!["type"]);
        Assert.Equal(members[MemberRoles.Owner].UserId.ToString(), (string?)entries[0]!["actor"]!["id"]);
        Assert.Equal(members[MemberRoles.Owner].Email, (string?)entries[0]!["actor"]!["name"]);
        Assert.Equal(developerId.ToString(), (string?)entries[0]!["member"]!["id"]);

        // Pages of one, chained by the cursor, cover the same three in the same order.
        var seen = new List<string?>();
        string? cursor = null;
        do
        {
            var path = "/v1/account/audit-log?action=member_role_changed&limit=1" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await client.SendWithBearerAsync(HttpMethod.Get, path, owner)).JsonAsync();
            seen.AddRange(page["data"]!.AsArray().Select(e => (string?)e!["detail"]));
            cursor = (string?)page["next_cursor"];
        } while (cursor is not null);
        Assert.Equal(entries.Select(e => (string?)e!["detail"]), seen);

        // By actor: the developer did nothing; the owner did these and signed in.
        var byDeveloper = await (await client.SendWithBearerAsync(HttpMethod.Get, $"/v1/account/audit-log?actor={developerId}", owner)).JsonAsync();
        Assert.Empty(byDeveloper["data"]!.AsArray());
        var byType = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/audit-log?actor=system&action=member_role_changed", owner)).JsonAsync();
        Assert.Empty(byType["data"]!.AsArray());

        // A window that ends before the changes holds none of them.
        var before = await (await client.SendWithBearerAsync(HttpMethod.Get,
            $"/v1/account/audit-log?action=member_role_changed&to={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))}", owner)).JsonAsync();
        Assert.Empty(before["data"]!.AsArray());

        // Bad filters and foreign cursors are 400s.
        await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/audit-log?action=nonsense", owner)).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/audit-log?cursor=forged", owner)).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Another_accounts_events_never_show()
    {
        var mine = await TestUser.CreateAsync(portal.Host);
        var theirs = await TestUser.CreateAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        var myToken = await client.AccessTokenAsync(mine);
        await client.AccessTokenAsync(theirs);
        var log = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/audit-log", myToken)).JsonAsync();
        Assert.NotEmpty(log["data"]!.AsArray());
        Assert.All(log["data"]!.AsArray(), e => Assert.NotEqual(theirs.Email, (string?)e!["actor"]!["name"]));
    }
}
