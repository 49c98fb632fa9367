using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Members;

/// <summary>
/// The permission table of API.md ("Accounts, members and roles") as one matrix: every role × every /v1 endpoint a
/// session can call, over real HTTP with each member's own access token. Deny by default: the table below names every
/// endpoint, and an endpoint the app maps that the table does not name fails the test. An allowed call may still be
/// refused for its input (a random id is a 404, an empty body a 400), never for the role; a denied one is 403
/// INSUFFICIENT_ROLE whatever its input.
/// </summary>
public sealed class RoleMatrixTests(SharedPortal portal)
{
    private static readonly string[] Everyone = [MemberRoles.Owner, MemberRoles.Admin, MemberRoles.Developer, MemberRoles.Viewer];
    private static readonly string[] Writers = [MemberRoles.Owner, MemberRoles.Admin, MemberRoles.Developer];
    private static readonly string[] Managers = [MemberRoles.Owner, MemberRoles.Admin];

    /// <summary>Endpoint → the roles whose session may call it. Sign-in endpoints need no credential and are not here.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Table = new Dictionary<string, string[]>
    {
        // Members and invitations: any role sees; owners and admins change.
        ["GET v1/account/members"] = Everyone,
        ["PATCH v1/account/members/{id}"] = Managers,
        ["DELETE v1/account/members/{id}"] = Managers,
        ["GET v1/account/invitations"] = Everyone,
        ["POST v1/account/invitations"] = Managers,
        ["POST v1/account/invitations/{id}/resend"] = Managers,
        ["DELETE v1/account/invitations/{id}"] = Managers,
        ["GET v1/account/audit-log"] = Everyone,
        // The key policy: any role sees; owners and admins change.
        ["GET v1/account/key-policy"] = Everyone,
        ["PUT v1/account/key-policy"] = Managers,
        // Keys: any role sees; developers manage their own (the resource check below), viewers none.
        ["GET v1/developer-access/api-keys"] = Everyone,
        ["POST v1/developer-access/api-keys"] = Writers,
        ["DELETE v1/developer-access/api-keys/{id}"] = Writers,
        ["PATCH v1/developer-access/api-keys/{id}"] = Writers,
        ["POST v1/developer-access/api-keys/{id}/roll"] = Writers,
        ["POST v1/developer-access/api-keys/{id}/end-grace"] = Writers,
        ["GET v1/api-keys"] = Everyone,
        ["POST v1/api-keys"] = Writers,
        ["DELETE v1/api-keys/{id}"] = Writers,
        ["PATCH v1/api-keys/{id}"] = Writers,
        ["POST v1/api-keys/{id}/roll"] = Writers,
        ["POST v1/api-keys/{id}/end-grace"] = Writers,
        ["GET v1/developer-access/api-keys/{id}/usage"] = Everyone,
        ["GET v1/developer-access/api-keys/{id}/requests"] = Everyone,
        ["GET v1/developer-access/usage"] = Everyone,
        // Webhooks: any role sees; owners and admins change.
        ["GET v1/developer-access/webhooks"] = Everyone,
        ["POST v1/developer-access/webhooks"] = Managers,
        ["DELETE v1/developer-access/webhooks/{id}"] = Managers,
        ["PATCH v1/developer-access/webhooks/{id}"] = Managers,
        ["GET v1/developer-access/webhooks/{id}/deliveries"] = Everyone,
        ["POST v1/developer-access/webhooks/{id}/deliveries/{deliveryId}/retry"] = Managers,
        ["POST v1/developer-access/webhooks/{id}/test"] = Managers,
        ["POST v1/developer-access/webhooks/{id}/rotate-secret"] = Managers,
        ["POST v1/developer-access/webhooks/{id}/redeliver"] = Managers,
        ["GET v1/developer-access/webhook-events"] = Everyone,
        ["GET v1/developer-access/scopes"] = Everyone,
        ["GET v1/developer-access/whoami"] = Everyone,
        // One's own sign-in security: every member.
        ["GET v1/auth/two-factor"] = Everyone,
        ["POST v1/auth/two-factor/setup"] = Everyone,
        ["POST v1/auth/two-factor/enable"] = Everyone,
        ["POST v1/auth/two-factor/disable"] = Everyone,
        ["POST v1/auth/two-factor/recovery-codes"] = Everyone,
        ["POST v1/auth/change-password"] = Everyone,
        ["GET v1/auth/sessions"] = Everyone,
        ["DELETE v1/auth/sessions/{id}"] = Everyone,
        ["POST v1/auth/sessions/revoke-others"] = Everyone,
        ["POST v1/auth/reauthenticate"] = Everyone,
        ["POST v1/auth/confirm-email/resend"] = Everyone,
        // The public API with a session: every scope, a viewer only *:read.
        ["GET v1/contacts"] = Everyone,
        ["GET v1/contacts/{id:guid}"] = Everyone,
        ["POST v1/contacts"] = Writers,
        ["PATCH v1/contacts/{id:guid}"] = Writers,
        ["DELETE v1/contacts/{id:guid}"] = Writers,
        ["POST v1/contacts/{id:guid}/tags"] = Writers,
        ["DELETE v1/contacts/{id:guid}/tags/{tag}"] = Writers,
        ["GET v1/conversations"] = Everyone,
        ["POST v1/conversations"] = Writers,
        ["GET v1/conversations/{id:guid}"] = Everyone,
        ["PATCH v1/conversations/{id:guid}"] = Writers,
        ["GET v1/conversations/{id:guid}/messages"] = Everyone,
        ["POST v1/conversations/{id:guid}/messages"] = Writers,
        ["GET v1/messages"] = Everyone,
        ["GET v1/broadcasts"] = Everyone,
        ["GET v1/broadcasts/{id:guid}"] = Everyone,
        ["POST v1/broadcasts"] = Writers,
        ["POST v1/broadcasts/{id:guid}/send"] = Writers,
        ["POST v1/broadcasts/{id:guid}/retry"] = Writers,
        ["GET v1/broadcasts/{id:guid}/metrics"] = Everyone,
        ["GET v1/templates"] = Everyone,
        ["GET v1/templates/{id:guid}"] = Everyone,
        ["POST v1/templates"] = Writers,
        ["POST v1/templates/{id:guid}/submit"] = Writers,
        ["DELETE v1/templates/{id:guid}"] = Writers,
    };

    private IReadOnlyList<(string Name, string Method, string Pattern)> SessionEndpoints() =>
        portal.Host.Services.GetRequiredService<IEnumerable<EndpointDataSource>>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("v1/", StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (Name: $"{m} {e.RoutePattern.RawText!.TrimStart('/')}", Method: m, Pattern: e.RoutePattern.RawText!.TrimStart('/'))))
            .ToList();

    private static string SamplePath(string pattern) => "/" + System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]+\\}", m =>
        m.Value.Contains("tag", StringComparison.Ordinal) ? "vip" : Guid.NewGuid().ToString());

    [Fact]
    public async Task Every_role_times_every_endpoint_answers_as_the_permission_table_says()
    {
        var endpoints = SessionEndpoints();
        var unlisted = endpoints.Where(e => !Table.ContainsKey(e.Name)).Select(e => e.Name).ToList();
        Assert.True(unlisted.Count == 0, "Endpoints missing from the permission table (deny by default): " + string.Join(", ", unlisted));
        var gone = Table.Keys.Except(endpoints.Select(e => e.Name)).ToList();
        Assert.True(gone.Count == 0, "The table names endpoints the app does not map: " + string.Join(", ", gone));

        var members = await TestMembers.AccountWithEveryRoleAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        var tokens = new Dictionary<string, string>();
        foreach (var (role, user) in members) tokens[role] = await client.AccessTokenAsync(user);

        var failures = new List<string>();
        var cells = 0;
        // Ending sessions last: revoke-others would end nothing here (one session each), but keep the order obvious.
        foreach (var e in endpoints.OrderBy(e => e.Pattern.Contains("sessions", StringComparison.Ordinal)))
        {
            foreach (var role in Everyone)
            {
                cells++;
                var body = e.Method is "POST" or "PATCH" or "PUT" ? new { } : null;
                var response = await client.SendWithBearerAsync(new HttpMethod(e.Method), SamplePath(e.Pattern), tokens[role], body);
                var text = await response.Content.ReadAsStringAsync();
                var refusedForRole = response.StatusCode == HttpStatusCode.Forbidden && text.Contains("\"INSUFFICIENT_ROLE\"", StringComparison.Ordinal);
                var allowed = Table[e.Name].Contains(role);
                if (allowed && (refusedForRole || (int)response.StatusCode >= 500 || response.StatusCode == HttpStatusCode.Unauthorized))
                    failures.Add($"{role} × {e.Name}: expected allowed, got {(int)response.StatusCode} {text}");
                if (!allowed && !refusedForRole)
                    failures.Add($"{role} × {e.Name}: expected 403 INSUFFICIENT_ROLE, got {(int)response.StatusCode} {text}");
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cells} cells wrong:\n" + string.Join("\n", failures));
        Assert.Equal(Table.Count * Everyone.Length, cells);
    }

    [Fact]
    public async Task Keys_any_for_owners_and_admins_own_for_developers_none_for_viewers()
    {
        var members = await TestMembers.AccountWithEveryRoleAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        var tokens = new Dictionary<string, string>();
        foreach (var (role, user) in members) tokens[role] = await client.AccessTokenAsync(user);

        var ownersKey = await client.CreateKeyAsync(tokens[MemberRoles.Owner], ["contacts:read"], name: "owner's");
        var developersKey = await client.CreateKeyAsync(tokens[MemberRoles.Developer], ["contacts:read"], name: "developer's");

        // A developer may not revoke the owner's key, a viewer not even their colleague's; an admin may revoke any.
        await (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{ownersKey.Id}", tokens[MemberRoles.Developer]))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        await (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{developersKey.Id}", tokens[MemberRoles.Viewer]))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        Assert.Equal(HttpStatusCode.NoContent,
            (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{developersKey.Id}", tokens[MemberRoles.Developer])).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent,
            (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{ownersKey.Id}", tokens[MemberRoles.Admin])).StatusCode);

        // A key holds no role: its scopes are all it has.
        var writer = await client.CreateKeyAsync(tokens[MemberRoles.Developer], ["contacts:write"], name: "writer");
        var created = await client.SendWithKeyAsync(HttpMethod.Post, "/v1/contacts", writer.Secret,
            new { phone = "+1415555" + Random.Shared.Next(1000, 9999), name = "Matrix" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task An_admin_neither_changes_an_owner_nor_makes_one_and_the_last_owner_stays()
    {
        var members = await TestMembers.AccountWithEveryRoleAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        var owner = await client.AccessTokenAsync(members[MemberRoles.Owner]);
        var admin = await client.AccessTokenAsync(members[MemberRoles.Admin]);

        await (await client.SendWithBearerAsync(HttpMethod.Patch, $"/v1/account/members/{members[MemberRoles.Owner].UserId}", admin, new { role = "viewer" }))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        await (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/account/members/{members[MemberRoles.Owner].UserId}", admin))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        await (await client.SendWithBearerAsync(HttpMethod.Patch, $"/v1/account/members/{members[MemberRoles.Viewer].UserId}", admin, new { role = "owner" }))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
        var promoted = await client.SendWithBearerAsync(HttpMethod.Patch, $"/v1/account/members/{members[MemberRoles.Viewer].UserId}", admin, new { role = "developer" });
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal("developer", (string?)(await promoted.JsonAsync())["role"]);

        // The only owner can neither step down nor be removed.
        await (await client.SendWithBearerAsync(HttpMethod.Patch, $"/v1/account/members/{members[MemberRoles.Owner].UserId}", owner, new { role = "admin" }))
            .AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");
        await (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/account/members/{members[MemberRoles.Owner].UserId}", owner))
            .AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");
        // With a second owner, the first may step down.
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Patch,
            $"/v1/account/members/{members[MemberRoles.Admin].UserId}", owner, new { role = "owner" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Patch,
            $"/v1/account/members/{members[MemberRoles.Owner].UserId}", owner, new { role = "admin" })).StatusCode);
    }

    [Fact]
    public async Task A_role_change_takes_effect_on_the_next_request_without_a_new_token()
    {
        var members = await TestMembers.AccountWithEveryRoleAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        var owner = await client.AccessTokenAsync(members[MemberRoles.Owner]);
        var developer = await client.AccessTokenAsync(members[MemberRoles.Developer]);
        var before = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/contacts", developer, new { });
        Assert.Equal(HttpStatusCode.BadRequest, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Patch,
            $"/v1/account/members/{members[MemberRoles.Developer].UserId}", owner, new { role = "viewer" })).StatusCode);
        await (await client.SendWithBearerAsync(HttpMethod.Post, "/v1/contacts", developer, new { }))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");
    }

    [Fact]
    public async Task Another_accounts_member_and_invitation_ids_are_not_found()
    {
        var mine = await TestUser.CreateAsync(portal.Host);
        var theirs = await TestMembers.AccountWithEveryRoleAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        var token = await client.AccessTokenAsync(mine);
        var theirOwner = await client.AccessTokenAsync(theirs[MemberRoles.Owner]);
        var invited = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/account/invitations", theirOwner,
            new { email = MailInbox.NewAddress("isolation"), role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitationId = (string?)(await invited.JsonAsync())["id"];
        var target = theirs[MemberRoles.Viewer].UserId;

        foreach (var (method, path, body) in new (HttpMethod, string, object?)[]
        {
            (HttpMethod.Patch, $"/v1/account/members/{target}", new { role = "admin" }),
            (HttpMethod.Delete, $"/v1/account/members/{target}", null),
            (HttpMethod.Post, $"/v1/account/invitations/{invitationId}/resend", new { }),
            (HttpMethod.Delete, $"/v1/account/invitations/{invitationId}", null),
        })
            await (await client.SendWithBearerAsync(method, path, token, body)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");

        var list = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/members", token)).JsonAsync();
        Assert.Single(list["data"]!.AsArray());
        var pending = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/invitations", token)).JsonAsync();
        Assert.Empty(pending["data"]!.AsArray());
    }
}
