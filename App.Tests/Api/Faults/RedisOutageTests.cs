using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Boltly.Features.Members;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Faults;

/// <summary>
/// Redis gone, where a request cannot do without it (docs/several-instances.md): a passkey ceremony's single-use
/// challenge lives only in Redis, so its options answer 503 SERVICE_UNAVAILABLE in the contract's JSON, never a 500.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed partial class RedisOutageTests
{
    [Fact]
    public async Task Options_for_an_invitation_passkey_answer_503_while_redis_is_down()
    {
        await using var redis = new DedicatedRedis();
        await redis.StartAsync();
        await using var host = await PortalHost.StartAsync(new PortalHost(redis: redis.ConnectionString, redisPrefix: PortalHost.NewRedisPrefix()));
        var client = host.CreateHttpClient();
        var owner = await TestUser.CreateAsync(host);
        var bearer = await client.AccessTokenAsync(owner);
        var email = MailInbox.NewAddress("redis-down-invitee");
        Assert.Equal(HttpStatusCode.Created,
            (await client.SendWithBearerAsync(HttpMethod.Post, "/v1/account/invitations", bearer, new { email, role = "viewer" })).StatusCode);
        using var inbox = new MailInbox();
        var mail = (await inbox.WaitForAsync(email, TimeSpan.FromSeconds(30)))[0];
        var token = Uri.UnescapeDataString(AcceptLink().Match(await inbox.PlainTextAsync(mail.Id)).Groups[1].Value);

        await redis.KillAsync();
        var refused = await client.PostAsJsonAsync(InvitationAcceptController.PasskeyCreationOptionsPath, new { token });
        await refused.AssertErrorAsync(HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");

        // Back: the same link gets its options (503 until the connection is restored, never anything else).
        await redis.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            await Task.Delay(250);
            status = (await client.PostAsJsonAsync(InvitationAcceptController.PasskeyCreationOptionsPath, new { token })).StatusCode;
            Assert.Contains(status, new[] { HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable });
        }
        while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [GeneratedRegex(@"/invitations/accept\?token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex AcceptLink();
}
