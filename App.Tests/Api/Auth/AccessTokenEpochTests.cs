using System.Diagnostics;
using System.Net;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.Auth;

/// <summary>
/// A cached token's checks (stamp, session) are reused while nothing was evicted on the instance since they passed
/// (ADR 0033): a stamp change or an ended session made on another instance reaches this one as an eviction on the bus,
/// which moves the epoch, so the token is refused within a second there too.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class AccessTokenEpochTests
{
    private const string WhoAmI = "/v1/developer-access/whoami";
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_token_whose_checks_are_reused_on_one_instance_is_refused_there_within_a_second_of_a_password_change_on_another()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var user = await TestUser.CreateAsync(a);
        var token = await a.CreateHttpClient().AccessTokenAsync(user);
        var onB = b.CreateHttpClient();
        await ReusedAsync(b, onB, token);

        var change = await a.CreateHttpClient().SendWithBearerAsync(HttpMethod.Post, "/v1/auth/change-password", token,
            new { current_password = user.Password, new_password = "lantern-orbit-velvet-45" });
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        await AssertRefusedWithinPromiseAsync(onB, token);
    }

    [Fact]
    public async Task A_token_whose_checks_are_reused_on_one_instance_is_refused_there_within_a_second_of_its_session_ending_on_another()
    {
        var deployment = PortalHost.NewRedisPrefix();
        await using var a = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(redisPrefix: deployment));
        var user = await TestUser.CreateAsync(a);
        var token = await a.CreateHttpClient().AccessTokenAsync(user);
        var other = await a.CreateHttpClient().AccessTokenAsync(user);
        var onB = b.CreateHttpClient();
        await ReusedAsync(b, onB, token);

        // The other session ends every session but its own: the token's session ends on A.
        Assert.Equal(HttpStatusCode.NoContent,
            (await a.CreateHttpClient().SendWithBearerAsync(HttpMethod.Post, "/v1/auth/sessions/revoke-others", other)).StatusCode);

        await AssertRefusedWithinPromiseAsync(onB, token);
    }

    /// <summary>The token validated and checked on <paramref name="host"/>, then served with its checks reused.</summary>
    private static async Task ReusedAsync(PortalHost host, HttpClient client, string token)
    {
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, token)).StatusCode);
        Assert.True(host.Services.GetRequiredService<ValidatedAccessTokenCache>().Holds(token));
    }

    private static async Task AssertRefusedWithinPromiseAsync(HttpClient client, string token)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode status;
        do status = (await client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, token)).StatusCode;
        while (status == HttpStatusCode.OK && clock.Elapsed < Promise + Promise);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(clock.Elapsed < Promise, $"refused after {clock.Elapsed.TotalMilliseconds:F0} ms");
    }
}
