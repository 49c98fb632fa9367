using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using Boltly.Platform.Auth;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Boltly.Tests.Api.Auth;

/// <summary>
/// The validated-token cache (ADR 0022) never keeps a token alive: a token served from it is refused within a
/// second of each way it can end before its time (expiry, a stamp change, a signing-key rotation, a check such
/// as an ended session refusing it), and a hit needs the whole token, not only its signature.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class AccessTokenCacheTests
{
    private const string WhoAmI = "/v1/developer-access/whoami";
    private static readonly TimeSpan Promise = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task A_cached_token_is_refused_once_it_expires()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var (client, token) = await CachedTokenAsync(host);

        host.Clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(1));

        await AssertRefusedWithinPromiseAsync(client, token);
        Assert.False(Cache(host).Holds(token));
    }

    [Fact]
    public async Task A_cached_token_is_refused_once_the_password_changes()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var (client, token, user) = await CachedTokenWithUserAsync(host);

        var change = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/auth/change-password", token,
            new { current_password = user.Password, new_password = "lantern-orbit-velvet-44" });
        Assert.Equal(HttpStatusCode.NoContent, change.StatusCode);

        await AssertRefusedWithinPromiseAsync(client, token);
    }

    [Fact]
    public async Task Cached_tokens_are_refused_once_the_signing_key_rotates()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var (client, token) = await CachedTokenAsync(host);

        // What a rotation is to the app: new JwtBearer options with another key.
        host.Services.GetRequiredService<IOptions<JwtOptions>>().Value.SigningKey = "rotated-signing-key-0123456789-abcdefghijklmnop";
        host.Services.GetRequiredService<IOptionsMonitorCache<JwtBearerOptions>>().TryRemove(AuthSchemes.Jwt);

        await AssertRefusedWithinPromiseAsync(client, token);
        Assert.Equal(0, Cache(host).Count);
    }

    [Fact]
    public async Task A_cached_token_is_refused_as_soon_as_an_access_token_check_refuses_it()
    {
        // The hook an ended session uses: any IAccessTokenCheck runs on every request, cached or not.
        await using var host = await PortalHost.StartAsync(new EndedSessionsPortal());
        var (client, token) = await CachedTokenAsync(host);

        EndedSessionsPortal.Ended[new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(token).GetClaim(BoltlyClaims.TokenId).Value] = true;

        await AssertRefusedWithinPromiseAsync(client, token);
    }

    [Fact]
    public async Task A_hit_needs_the_whole_token_not_only_its_signature()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var (client, token) = await CachedTokenAsync(host);
        var other = await TestUser.CreateAsync(host);

        // The cached token's signature under a payload naming another account.
        var parts = token.Split('.');
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload[BoltlyClaims.AccountId] = other.AccountId.ToString();
        var forged = $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, forged)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, token)).StatusCode);
    }

    private static ValidatedAccessTokenCache Cache(PortalHost host) => host.Services.GetRequiredService<ValidatedAccessTokenCache>();

    private static async Task<(HttpClient Client, string Token)> CachedTokenAsync(PortalHost host)
    {
        var (client, token, _) = await CachedTokenWithUserAsync(host);
        return (client, token);
    }

    /// <summary>A token validated once and then served from the cache.</summary>
    private static async Task<(HttpClient Client, string Token, TestUser User)> CachedTokenWithUserAsync(PortalHost host)
    {
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var token = await client.AccessTokenAsync(user);
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, token)).StatusCode);
        Assert.True(Cache(host).Holds(token));
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Get, WhoAmI, token)).StatusCode);
        return (client, token, user);
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

    /// <summary>A host with one more access-token check: tokens whose <c>jti</c> is in <see cref="Ended"/> are refused.</summary>
    private sealed class EndedSessionsPortal : PortalHost
    {
        public static ConcurrentDictionary<string, bool> Ended { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IAccessTokenCheck, EndedTokenCheck>());
        }
    }

    private sealed class EndedTokenCheck : IAccessTokenCheck
    {
        public ValueTask<string?> RefusalAsync(ClaimsPrincipal token, Guid userId, HttpContext context) =>
            ValueTask.FromResult(EndedSessionsPortal.Ended.ContainsKey(token.FindFirstValue(BoltlyClaims.TokenId) ?? "") ? "session ended" : null);
    }
}
