using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Members;

/// <summary>whoami of a session lists the scopes its member's role allows (API.md, the permission table's last row):
/// every scope for owners, admins and developers, only the <c>*:read</c> ones for a viewer. A key lists its own.</summary>
public sealed class WhoAmIScopesTests(SharedPortal portal)
{
    private static readonly string[] Every =
    [
        "contacts:read", "contacts:write", "contacts:manage", "inbox:read", "inbox:write", "broadcasts:read", "broadcasts:create",
        "broadcasts:send", "templates:read", "templates:create", "templates:manage", "tokens:read", "tokens:create",
    ];

    private static readonly string[] ReadOnly = ["contacts:read", "inbox:read", "broadcasts:read", "templates:read", "tokens:read"];

    [Fact]
    public async Task A_sessions_whoami_lists_the_scopes_of_its_role_and_each_listed_scope_is_one_the_session_may_use()
    {
        var members = await TestMembers.AccountWithEveryRoleAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        foreach (var (role, user) in members)
        {
            var token = await client.AccessTokenAsync(user);
            var response = await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var scopes = (await response.JsonAsync())["scopes"]!.AsArray().Select(s => (string)s!).ToArray();
            var expected = role == MemberRoles.Viewer ? ReadOnly : Every;
            Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(scopes.Order(StringComparer.Ordinal)),
                $"{role}: whoami listed {string.Join(", ", scopes)}");
            // The list and the enforcement agree: a listed write scope works, an unlisted one is refused for the role.
            var write = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/contacts", token,
                new { phone = "+1415556" + Random.Shared.Next(1000, 9999), name = "Whoami " + role });
            if (scopes.Contains("contacts:write")) Assert.Equal(HttpStatusCode.Created, write.StatusCode);
            else await write.AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        }
    }

    [Fact]
    public async Task A_viewers_dashboard_session_lists_only_read_scopes_and_a_key_lists_its_own()
    {
        var members = await TestMembers.AccountWithEveryRoleAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        var cookie = DashboardSignIn.SessionCookie(await DashboardSignIn.SubmitAsync(client, await DashboardSignIn.OpenFormAsync(client), members[MemberRoles.Viewer]));
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
        request.Headers.Add("Cookie", cookie);
        var viewer = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, viewer.StatusCode);
        Assert.Equal(ReadOnly.Order(StringComparer.Ordinal), (await viewer.JsonAsync())["scopes"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal));

        var owner = await client.AccessTokenAsync(members[MemberRoles.Owner]);
        var key = await client.CreateKeyAsync(owner, ["contacts:write", "templates:read"], name: "whoami scopes");
        var byKey = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
        Assert.Equal(["contacts:write", "templates:read"], (await byKey.JsonAsync())["scopes"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal));
    }
}
