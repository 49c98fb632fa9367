using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Boltly.Features.Members;
using Boltly.Features.Passkeys;
using Boltly.Platform.Api;
using Boltly.Platform.Redis;
using Boltly.Platform.Security;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Boltly.Tests.Api.Members;

/// <summary>
/// Accepting an invitation with a passkey over real HTTP (docs/members.md): creation options for the invitation's token
/// (checked first, answered exactly as the password path answers a bad link), the software authenticator's attestation
/// accepted once, the member passkey-only and signed in with that passkey on the sign-in page.
/// </summary>
public sealed partial class InvitationPasskeyApiTests(SharedPortal portal)
{
    private const string OptionsPath = InvitationAcceptController.PasskeyCreationOptionsPath;
    private const string AcceptPath = "/v1/auth/invitations/accept";
    private const string StrongPassword = "Fresh-Colleague-Pass-42";

    [Fact]
    public async Task An_invitation_accepted_with_a_passkey_makes_a_passwordless_member_who_signs_in_with_it()
    {
        var host = portal.Host;
        var owner = await TestUser.CreateAsync(host, "Passkey Joiners");
        var client = host.CreateHttpClient();
        var bearer = await client.AccessTokenAsync(owner);
        var email = MailInbox.NewAddress("passkey-invitee");
        Assert.Equal(HttpStatusCode.Created,
            (await client.SendWithBearerAsync(HttpMethod.Post, "/v1/account/invitations", bearer, new { email, role = "developer" })).StatusCode);
        using var inbox = new MailInbox();
        var mail = (await inbox.WaitForAsync(email, TimeSpan.FromSeconds(30)))[0];
        var token = Uri.UnescapeDataString(AcceptLink().Match(await inbox.PlainTextAsync(mail.Id)).Groups[1].Value);

        var options = await client.PostAsJsonAsync(OptionsPath, new { token });
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        Assert.Equal("no-store", options.Headers.CacheControl?.ToString());
        Assert.False(options.Headers.Contains("Set-Cookie"), "the invitation's ceremony is kept under its token, not in a cookie");
        var creationOptions = await options.Content.ReadAsStringAsync();
        using (var parsed = JsonDocument.Parse(creationOptions))
            Assert.Equal(email, parsed.RootElement.GetProperty("user").GetProperty("name").GetString());

        using var authenticator = new SoftwarePasskey();
        var credential = authenticator.Attest(creationOptions, PublicOrigin(host));
        var accepted = await client.PostAsJsonAsync(AcceptPath, new { token, credential });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var body = await accepted.JsonAsync();
        Assert.Equal("developer", (string?)body["role"]);
        Assert.Equal("Passkey Joiners", (string?)body["account_name"]);
        // As after a password: nobody is signed in by accepting.
        Assert.False(accepted.Headers.Contains("Set-Cookie"));
        var userId = Guid.Parse((string)body["id"]!);

        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByIdAsync(userId.ToString());
            Assert.NotNull(user);
            Assert.Equal(owner.AccountId, user.AccountId);
            Assert.False(await users.HasPasswordAsync(user));
            var passkeys = await users.GetPasskeysAsync(user);
            Assert.Equal(authenticator.CredentialId, Assert.Single(passkeys).CredentialId);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            Assert.True(await db.SecurityEvents.IgnoreQueryFilters().AnyAsync(e => e.UserId == userId && e.Type == SecurityEventTypes.PasskeyAdded));
        }

        // The link worked once: the same answer again, or new options for it, are refused.
        await (await client.PostAsJsonAsync(AcceptPath, new { token, credential })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await client.PostAsJsonAsync(OptionsPath, new { token })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        // The new member signs in on the sign-in page with that passkey: no password, no code.
        var signedIn = await DashboardSignIn.PasskeySignInAsync(client, host, authenticator, userId);
        Assert.NotNull(DashboardSignIn.SessionCookie(signedIn));
        await using (var scope = host.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().UserSessions.CountAsync(s => s.UserId == userId));
    }

    [Fact]
    public async Task A_bad_link_is_refused_before_any_options_are_issued_exactly_as_the_password_path_refuses_it()
    {
        var host = portal.Host;
        var owner = await TestUser.CreateAsync(host);
        var client = host.CreateHttpClient();
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var links = new Dictionary<string, string>
        {
            ["unknown"] = SecretHasher.RandomUrlToken(32),
            ["expired"] = await SeedInvitationAsync(owner, MailInbox.NewAddress("expired"), i => i.ExpiresAt = now.AddMinutes(-1)),
            ["withdrawn"] = await SeedInvitationAsync(owner, MailInbox.NewAddress("withdrawn"), i => i.WithdrawnAt = now),
            ["used"] = await SeedInvitationAsync(owner, MailInbox.NewAddress("used"), i => i.AcceptedAt = now),
            ["too long"] = new string('a', 300),
        };
        foreach (var (what, token) in links)
        {
            var options = await client.PostAsJsonAsync(OptionsPath, new { token });
            var password = await client.PostAsJsonAsync(AcceptPath, new { token, password = StrongPassword });
            await options.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
            var refusal = await options.Content.ReadAsStringAsync();
            Assert.DoesNotContain("challenge", refusal, StringComparison.Ordinal);
            Assert.Contains("\"token\"", refusal, StringComparison.Ordinal);
            Assert.True(refusal == await password.Content.ReadAsStringAsync(), $"{what}: the passkey options answer differs from the password path's");
            Assert.False(await CeremonyExistsAsync(token), $"{what}: a ceremony was kept");
        }
        await (await client.PostAsJsonAsync(OptionsPath, new { token = "" })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await client.PostAsJsonAsync(OptionsPath, new { })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await client.PostAsJsonAsync(OptionsPath, new { token = links["unknown"], email = "x@example.com" }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        // An email that already has an account: 409, as with a password, and no options either.
        var taken = await SeedInvitationAsync(owner, (await TestUser.CreateAsync(host)).Email);
        var conflict = await client.PostAsJsonAsync(OptionsPath, new { token = taken });
        await conflict.AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");
        Assert.Equal(await conflict.Content.ReadAsStringAsync(),
            await (await client.PostAsJsonAsync(AcceptPath, new { token = taken, password = StrongPassword })).Content.ReadAsStringAsync());
        Assert.False(await CeremonyExistsAsync(taken));
    }

    [Fact]
    public async Task A_replayed_or_superseded_passkey_answer_is_refused()
    {
        var host = portal.Host;
        var owner = await TestUser.CreateAsync(host);
        var client = host.CreateHttpClient();
        var token = await SeedInvitationAsync(owner, MailInbox.NewAddress("superseded"));
        using var first = new SoftwarePasskey();
        using var second = new SoftwarePasskey();
        var firstAnswer = first.Attest(await OptionsAsync(client, token), PublicOrigin(host));
        var secondAnswer = second.Attest(await OptionsAsync(client, token), PublicOrigin(host));

        // Asking again replaced the first ceremony; the refused answer spent the second one's challenge.
        await AssertCredentialRefusedAsync(await client.PostAsJsonAsync(AcceptPath, new { token, credential = firstAnswer }));
        await AssertCredentialRefusedAsync(await client.PostAsJsonAsync(AcceptPath, new { token, credential = secondAnswer }));
        Assert.False(await CeremonyExistsAsync(token));

        // The link is still pending: a new ceremony works, once.
        using var third = new SoftwarePasskey();
        var thirdAnswer = third.Attest(await OptionsAsync(client, token), PublicOrigin(host));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(AcceptPath, new { token, credential = thirdAnswer })).StatusCode);
        await (await client.PostAsJsonAsync(AcceptPath, new { token, credential = thirdAnswer })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Thirty_concurrent_accepts_with_a_passkey_or_a_password_make_exactly_one_member()
    {
        var host = portal.Host;
        var owner = await TestUser.CreateAsync(host);
        var email = MailInbox.NewAddress("concurrent");
        var token = await SeedInvitationAsync(owner, email);
        using var authenticator = new SoftwarePasskey();
        var credential = authenticator.Attest(await OptionsAsync(host.CreateHttpClient(), token), PublicOrigin(host));
        // The password rules (zxcvbn) load their dictionaries on first use: warmed outside the burst, which is about the
        // race for the link, not a cold start.
        await using (var warm = host.Services.CreateAsyncScope())
        {
            var users = warm.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var validator in users.PasswordValidators)
                Assert.True((await validator.ValidateAsync(users, new AppUser { UserName = email, Email = email }, StrongPassword)).Succeeded);
        }

        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(async i =>
        {
            using var client = host.CreateHttpClient();
            var response = await client.PostAsJsonAsync(AcceptPath, i % 2 == 0 ? new { token, credential = (string?)credential, password = (string?)null }
                : new { token, credential = (string?)null, password = (string?)StrongPassword });
            return response.StatusCode;
        }));

        Assert.Single(answers, s => s == HttpStatusCode.Created);
        // The others are refused: the link is taken (400) or the email is (409); on a machine too busy for Redis to answer
        // within its 1 s timeout, a passkey answer's single-use challenge cannot be read and it is 503, try again (never 500).
        Assert.All(answers.Where(s => s != HttpStatusCode.Created),
            s => Assert.Contains(s, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Conflict, HttpStatusCode.ServiceUnavailable }));
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var normalized = email.ToUpperInvariant();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == normalized));
    }

    [Fact]
    public async Task A_password_and_a_credential_together_or_neither_are_refused_naming_the_field()
    {
        var host = portal.Host;
        var owner = await TestUser.CreateAsync(host);
        var client = host.CreateHttpClient();
        var token = await SeedInvitationAsync(owner, MailInbox.NewAddress("both"));
        using var authenticator = new SoftwarePasskey();
        var credential = authenticator.Attest(await OptionsAsync(client, token), PublicOrigin(host));

        var both = await client.PostAsJsonAsync(AcceptPath, new { token, password = StrongPassword, credential });
        await both.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await both.JsonAsync())["details"]!["credential"]);
        var neither = await client.PostAsJsonAsync(AcceptPath, new { token });
        await neither.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await neither.JsonAsync())["details"]!["password"]);
        // Refused before the ceremony was touched: the answer still registers the passkey.
        Assert.True(await CeremonyExistsAsync(token));
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(AcceptPath, new { token, credential })).StatusCode);
    }

    private static async Task AssertCredentialRefusedAsync(HttpResponseMessage response)
    {
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.NotNull((await response.JsonAsync())["details"]!["credential"]);
    }

    private static async Task<string> OptionsAsync(HttpClient client, string token)
    {
        var options = await client.PostAsJsonAsync(OptionsPath, new { token });
        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        return await options.Content.ReadAsStringAsync();
    }

    /// <summary>A pending viewer invitation of <paramref name="owner"/>'s account, made in the database; its link's token.</summary>
    private async Task<string> SeedInvitationAsync(TestUser owner, string email, Action<Invitation>? change = null)
    {
        var token = SecretHasher.RandomUrlToken(32);
        var now = portal.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var invitation = new Invitation
        {
            AccountId = owner.AccountId, Email = email, NormalizedEmail = email.ToUpperInvariant(), Role = MemberRoles.Viewer,
            TokenHash = SecretHasher.Sha256Hex(token), InvitedByUserId = owner.UserId, CreatedAt = now, ExpiresAt = now.AddDays(7),
        };
        change?.Invoke(invitation);
        await using var db = await portal.Host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateForAccountAsync(owner.AccountId);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        return token;
    }

    private Task<bool> CeremonyExistsAsync(string token)
    {
        var prefix = portal.Host.Services.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix;
        return portal.Host.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase()
            .KeyExistsAsync($"{prefix}passkey-ceremony:{PasskeyCeremonyKind.NewUserRegistration}:{SecretHasher.Sha256Hex(token)}");
    }

    private static string PublicOrigin(PortalHost host) =>
        new Uri(host.Services.GetRequiredService<IOptions<PortalOptions>>().Value.PublicUrl).GetLeftPart(UriPartial.Authority);

    private static Task<HttpResponseMessage> PostPageAsync(HttpClient client, string path, string cookies, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("") };
        request.Headers.Add("Cookie", cookies);
        request.Headers.Add("RequestVerificationToken", token);
        return client.SendAsync(request);
    }

    [GeneratedRegex(@"/invitations/accept\?token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex AcceptLink();
}
