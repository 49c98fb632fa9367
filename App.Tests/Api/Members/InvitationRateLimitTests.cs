using System.Net;
using System.Net.Http.Json;
using Boltly.Features.Members;
using Boltly.Platform.Security;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Members;

/// <summary>
/// The two invitation endpoints without a credential are limited per client address (docs/members.md, docs/rate-limits.md):
/// <c>RateLimits:InvitationPerWindow</c> (10 a minute) for each, counted apart; the 11th answers the contract's 429 with
/// <c>Retry-After</c>, another address is not held back, and a valid accept within the limit works. The host trusts a
/// proxy on loopback, so each request names its client in <c>X-Forwarded-For</c>.
/// </summary>
public sealed class InvitationRateLimitTests
{
    private const string OptionsPath = InvitationAcceptController.PasskeyCreationOptionsPath;
    private const string AcceptPath = "/v1/auth/invitations/accept";
    private const string Limited = "203.0.113.41";
    private const string Other = "198.51.100.42";

    [Fact]
    public async Task The_eleventh_request_from_one_address_in_a_minute_is_429_with_Retry_After_and_another_address_is_unaffected()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?>
        {
            ["RateLimits:InvitationPerWindow"] = "10",
            ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1",
        }));
        host.Clock.AlignToWindowStart();
        using var client = host.CreateHttpClient();
        var owner = await TestUser.CreateAsync(host);
        var unknown = SecretHasher.RandomUrlToken(32);

        // The passkey options: ten bad links are answered as such, the eleventh is refused before the link is looked at.
        for (var i = 0; i < 10; i++)
            await (await PostAsync(client, OptionsPath, new { token = unknown }, Limited)).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await AssertLimitedAsync(await PostAsync(client, OptionsPath, new { token = unknown }, Limited));

        // The accepts count apart: nine bad links, then a valid accept as the tenth still creates the member.
        for (var i = 0; i < 9; i++)
            await (await PostAsync(client, AcceptPath, new { token = unknown, password = "Fresh-Colleague-Pass-42" }, Limited))
                .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var email = MailInbox.NewAddress("limited-invitee");
        var token = await SeedInvitationAsync(host, owner, email);
        var accepted = await PostAsync(client, AcceptPath, new { token, password = "Fresh-Colleague-Pass-42" }, Limited);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var eleventh = await PostAsync(client, AcceptPath, new { token = unknown, password = "Fresh-Colleague-Pass-42" }, Limited);
        await AssertLimitedAsync(eleventh);

        // Another address has its own budget on both endpoints.
        await (await PostAsync(client, OptionsPath, new { token = unknown }, Other)).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await PostAsync(client, AcceptPath, new { token = unknown, password = "Fresh-Colleague-Pass-42" }, Other))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        // The next window lets the limited address in again.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        await (await PostAsync(client, OptionsPath, new { token = unknown }, Limited)).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    private static async Task AssertLimitedAsync(HttpResponseMessage response)
    {
        await response.AssertErrorAsync(HttpStatusCode.TooManyRequests, "RATE_LIMIT_EXCEEDED");
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, object body, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Forwarded-For", address);
        return client.SendAsync(request);
    }

    private static async Task<string> SeedInvitationAsync(PortalHost host, TestUser owner, string email)
    {
        var token = SecretHasher.RandomUrlToken(32);
        var now = host.Clock.GetUtcNow();
        await using var db = await host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateForAccountAsync(owner.AccountId);
        db.Invitations.Add(new Invitation
        {
            AccountId = owner.AccountId, Email = email, NormalizedEmail = email.ToUpperInvariant(), Role = MemberRoles.Viewer,
            TokenHash = SecretHasher.Sha256Hex(token), InvitedByUserId = owner.UserId, CreatedAt = now, ExpiresAt = now.AddDays(7),
        });
        await db.SaveChangesAsync();
        return token;
    }
}
