using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Members;

/// <summary>The key list names who created each key (API.md: keys "shown as made by a former member" once their creator
/// leaves): <c>creator</c> is <c>{"id", "email", "former_member"}</c>, from the same source as the dashboard's column.</summary>
public sealed class KeyCreatorApiTests(SharedPortal portal)
{
    [Fact]
    public async Task The_key_list_names_each_keys_creator_and_marks_a_former_member()
    {
        var members = await TestMembers.AccountWithEveryRoleAsync(portal.Host);
        var owner = members[MemberRoles.Owner];
        var developer = members[MemberRoles.Developer];
        var client = portal.Host.CreateHttpClient();
        var ownerToken = await client.AccessTokenAsync(owner);
        var ownersKey = await client.CreateKeyAsync(ownerToken, ["contacts:read"], name: "owner's");
        var developersKey = await client.CreateKeyAsync(await client.AccessTokenAsync(developer), ["contacts:read"], name: "developer's");

        var before = await ListAsync(client, ownerToken);
        AssertCreator(before[ownersKey.Id], owner, former: false);
        AssertCreator(before[developersKey.Id], developer, former: false);
        Assert.Equal(developer.UserId.ToString(), (string?)before[developersKey.Id]["created_by"]);

        Assert.Equal(HttpStatusCode.NoContent,
            (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/account/members/{developer.UserId}", ownerToken)).StatusCode);

        // The developer's key stays, and still names them, as a former member.
        var after = await ListAsync(client, ownerToken);
        AssertCreator(after[developersKey.Id], developer, former: true);
        AssertCreator(after[ownersKey.Id], owner, former: false);

        // A viewer reads the same names (every role sees keys).
        var seenByViewer = await ListAsync(client, await client.AccessTokenAsync(members[MemberRoles.Viewer]));
        AssertCreator(seenByViewer[developersKey.Id], developer, former: true);
    }

    private static async Task<Dictionary<Guid, System.Text.Json.Nodes.JsonNode>> ListAsync(HttpClient client, string token)
    {
        var response = await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys?limit=100", token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync())["data"]!.AsArray().ToDictionary(k => Guid.Parse((string)k!["id"]!), k => k!);
    }

    private static void AssertCreator(System.Text.Json.Nodes.JsonNode key, TestUser who, bool former)
    {
        var creator = key["creator"]!.AsObject();
        Assert.Equal(["email", "former_member", "id"], creator.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(who.UserId.ToString(), (string?)creator["id"]);
        Assert.Equal(who.Email, (string?)creator["email"]);
        Assert.Equal(former, (bool)creator["former_member"]!);
    }
}
