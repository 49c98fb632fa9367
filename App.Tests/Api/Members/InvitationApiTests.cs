using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Members;

/// <summary>Invitations over real HTTP, with the mail read back from smtp4dev as a person would (docs/members.md).</summary>
public sealed partial class InvitationApiTests(SharedPortal portal)
{
    [Fact]
    public async Task An_invited_colleague_accepts_from_the_mail_once_and_signs_in_with_the_invited_role()
    {
        var owner = await TestUser.CreateAsync(portal.Host, "Invitations Inc");
        var client = portal.Host.CreateHttpClient();
        var token = await client.AccessTokenAsync(owner);
        var email = MailInbox.NewAddress("invitee");

        var invited = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/account/invitations", token, new { email, role = "viewer" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var pending = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/invitations", token)).JsonAsync();
        Assert.Equal(email, (string?)pending["data"]![0]!["email"]);

        using var inbox = new MailInbox();
        var mail = (await inbox.WaitForAsync(email, TimeSpan.FromSeconds(30)))[0];
        Assert.Contains("Invitations Inc", mail.Subject);
        var text = await inbox.PlainTextAsync(mail.Id);
        var link = AcceptLink().Match(text);
        Assert.True(link.Success, text);
        var secret = Uri.UnescapeDataString(link.Groups[1].Value);

        var weak = await client.PostAsJsonAsync("/v1/auth/invitations/accept", new { token = secret, password = "short" });
        await weak.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var accepted = await client.PostAsJsonAsync("/v1/auth/invitations/accept", new { token = secret, password = "Fresh-Colleague-Pass-42" });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var body = await accepted.JsonAsync();
        Assert.Equal("viewer", (string?)body["role"]);
        Assert.Equal("Invitations Inc", (string?)body["account_name"]);

        // Single use, and the invitation is no longer pending.
        var again = await client.PostAsJsonAsync("/v1/auth/invitations/accept", new { token = secret, password = "Fresh-Colleague-Pass-42" });
        await again.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Empty((await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/invitations", token)).JsonAsync())["data"]!.AsArray());

        // The colleague signs in, is a member of the inviting account, and a viewer.
        var colleague = new TestUser(email, "Fresh-Colleague-Pass-42", Guid.Parse((string)body["id"]!), owner.AccountId);
        var theirs = await client.AccessTokenAsync(colleague);
        var members = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/members", theirs)).JsonAsync();
        Assert.Equal(2, members["data"]!.AsArray().Count);
        await (await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", theirs, new { name = "x", scopes = new[] { "contacts:read" } }))
            .AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_ROLE");

        // An email that already has an account cannot accept another invitation.
        var other = await TestUser.CreateAsync(portal.Host);
        var otherToken = await client.AccessTokenAsync(other);
        Assert.Equal(HttpStatusCode.Created, (await client.SendWithBearerAsync(HttpMethod.Post, "/v1/account/invitations", otherToken,
            new { email, role = "developer" })).StatusCode);
        // The address also gets other mail by now (the colleague's sign-in from a new device): the invitation is the one with a link.
        var secondToken = Uri.UnescapeDataString((await SecondInvitationLinkAsync(inbox, email, mail.Id)).Groups[1].Value);
        await (await client.PostAsJsonAsync("/v1/auth/invitations/accept", new { token = secondToken, password = "Fresh-Colleague-Pass-42" }))
            .AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");
    }

    [Fact]
    public async Task Withdrawn_and_resent_links_stop_working()
    {
        var owner = await TestUser.CreateAsync(portal.Host);
        var client = portal.Host.CreateHttpClient();
        var token = await client.AccessTokenAsync(owner);
        var email = MailInbox.NewAddress("withdrawn");
        var invited = await (await client.SendWithBearerAsync(HttpMethod.Post, "/v1/account/invitations", token, new { email, role = "developer" })).JsonAsync();
        var id = (string)invited["id"]!;

        using var inbox = new MailInbox();
        var first = (await inbox.WaitForAsync(email, TimeSpan.FromSeconds(30)))[0];
        var firstToken = Uri.UnescapeDataString(AcceptLink().Match(await inbox.PlainTextAsync(first.Id)).Groups[1].Value);
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Post, $"/v1/account/invitations/{id}/resend", token, new { })).StatusCode);
        await (await client.PostAsJsonAsync("/v1/auth/invitations/accept", new { token = firstToken, password = "Fresh-Colleague-Pass-42" }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        var resent = (await inbox.WaitForAsync(email, TimeSpan.FromSeconds(30), count: 2)).Select(m => m.Id).Except([first.Id]).Single();
        var resentToken = Uri.UnescapeDataString(AcceptLink().Match(await inbox.PlainTextAsync(resent)).Groups[1].Value);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/account/invitations/{id}", token)).StatusCode);
        await (await client.PostAsJsonAsync("/v1/auth/invitations/accept", new { token = resentToken, password = "Fresh-Colleague-Pass-42" }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    private static async Task<Match> SecondInvitationLinkAsync(MailInbox inbox, string email, string firstId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var read = new HashSet<string> { firstId };
        while (true)
        {
            foreach (var (id, _) in await inbox.MessagesToAsync(email))
            {
                if (!read.Add(id)) continue;
                if (AcceptLink().Match(await inbox.PlainTextAsync(id)) is { Success: true } link) return link;
            }
            Assert.True(DateTime.UtcNow < deadline, $"No second invitation mail reached {email} within 30 seconds.");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex(@"/invitations/accept\?token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex AcceptLink();
}
