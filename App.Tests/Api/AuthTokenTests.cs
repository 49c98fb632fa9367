using System.Net;
using System.Net.Http.Json;
using System.Text;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Boltly.Tests.Api;

/// <summary>/v1/auth/login, refresh and logout over real HTTP, real PostgreSQL and Redis.</summary>
public sealed class AuthTokenTests(SharedPortal portal)
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Fact]
    public async Task Login_returns_a_token_pair_with_the_contract_shape()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var pair = await _client.LoginAsync(user);

        Assert.Equal("Bearer", (string?)pair["token_type"]);
        Assert.Equal(900, (int?)pair["expires_in"]);
        Assert.Equal(604800, (int?)pair["refresh_expires_in"]);
        Assert.StartsWith("rt_", (string?)pair["refresh_token"]);

        var jwt = new JsonWebToken((string)pair["access_token"]!);
        Assert.Equal("HS256", jwt.Alg);
        Assert.Equal(900, (jwt.ValidTo - jwt.IssuedAt).TotalSeconds);
        Assert.Equal(user.UserId.ToString(), jwt.Subject);
        Assert.Equal(user.Email, jwt.GetClaim("email").Value);
        Assert.Equal(user.AccountId.ToString(), jwt.GetClaim("account_id").Value);
        Assert.False(string.IsNullOrEmpty(jwt.Id));
        Assert.False(string.IsNullOrEmpty(jwt.GetClaim("sid").Value));
    }

    [Fact]
    public async Task Refresh_rotates_and_reuse_revokes_the_family()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var first = (string)(await _client.LoginAsync(user))["refresh_token"]!;

        var r1 = await _client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = first });
        Assert.Equal(HttpStatusCode.OK, r1.StatusCode);
        var second = (string)(await r1.JsonAsync())["refresh_token"]!;
        Assert.NotEqual(first, second);

        var reuse = await _client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = first });
        await reuse.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // The reuse revoked the family: the legitimate successor is dead too.
        var afterReuse = await _client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = second });
        await afterReuse.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Ten_parallel_refreshes_of_one_token_let_exactly_one_through()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var token = (string)(await _client.LoginAsync(user))["refresh_token"]!;

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            portal.Host.CreateHttpClient().PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = token })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(9, responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized));

        // The nine others presented a retired token: reuse, so the family is revoked, and that takes
        // the winner's successor too, even if it was inserted while the reuse was being detected.
        var winner = (string)(await responses.Single(r => r.StatusCode == HttpStatusCode.OK).JsonAsync())["refresh_token"]!;
        var successor = await _client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = winner });
        await successor.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Empty(await db.RefreshTokens.Where(t => t.UserId == user.UserId && t.RevokedAt == null).ToListAsync());
        Assert.Single(await db.SecurityEvents.IgnoreQueryFilters().Where(e => e.UserId == user.UserId && e.Type == SecurityEventTypes.RefreshTokenReuse).ToListAsync());
    }

    [Fact]
    public async Task A_reuse_while_the_winning_rotation_is_in_flight_revokes_its_successor_too()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var token = (string)(await client.LoginAsync(user))["refresh_token"]!;

        // Stop the winner between retiring the token and writing its successor: the race's window.
        host.Gate.Arm("INSERT INTO refresh_tokens");
        var winning = client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = token });
        await host.Gate.Held.WaitAsync(TimeSpan.FromSeconds(30));
        var reusing = host.CreateHttpClient().PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = token });
        // The reuse may be detected now (it must then wait for the successor) or after it: both must revoke it.
        await Task.WhenAny(reusing, Task.Delay(TimeSpan.FromSeconds(1)));
        host.Gate.Release();

        var winner = await winning;
        Assert.Equal(HttpStatusCode.OK, winner.StatusCode);
        await (await reusing).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        var successor = (string)(await winner.JsonAsync())["refresh_token"]!;
        var afterReuse = await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = successor });
        await afterReuse.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_locked_out_users_refresh_is_refused_without_retiring_the_token()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var token = (string)(await client.LoginAsync(user))["refresh_token"]!;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var appUser = (await users.FindByIdAsync(user.UserId.ToString()))!;
            Assert.True((await users.SetLockoutEndDateAsync(appUser, host.Clock.GetUtcNow().AddMinutes(15))).Succeeded);
        }

        var locked = await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = token });
        await locked.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");

        // Once the lockout is over the same token still works: the refusal did not burn it, so the
        // retry is not mistaken for reuse.
        host.Clock.Advance(TimeSpan.FromMinutes(16));
        var after = await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = token });
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);

        await using var check = host.Services.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Empty(await db.SecurityEvents.IgnoreQueryFilters().Where(e => e.UserId == user.UserId && e.Type == SecurityEventTypes.RefreshTokenReuse).ToListAsync());
    }

    [Fact]
    public async Task A_refresh_token_is_refused_seven_days_after_sign_in_however_often_it_was_rotated()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var token = (string)(await client.LoginAsync(user))["refresh_token"]!;

        host.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        var lastMinute = await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = token });
        Assert.Equal(HttpStatusCode.OK, lastMinute.StatusCode);
        var body = await lastMinute.JsonAsync();
        Assert.InRange((int)body["refresh_expires_in"]!, 1, 60);

        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var expired = await client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = (string)body["refresh_token"]! });
        await expired.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_refresh_token_sent_as_a_bearer_token_is_refused()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var refresh = (string)(await _client.LoginAsync(user))["refresh_token"]!;
        var response = await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", refresh);
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Not_before_may_be_up_to_five_seconds_ahead_and_no_more()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var issued = new JsonWebToken((string)(await _client.LoginAsync(user))["access_token"]!);
        var now = portal.Host.Clock.GetUtcNow();

        // JWT times are whole seconds: round so that "4 s ahead" is at most 4 and "6 s ahead" at least 6.
        var fourAhead = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 4);
        var sixAhead = DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() + 7);
        Assert.True(sixAhead - now >= TimeSpan.FromSeconds(6));

        var accepted = await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", Resign(issued, fourAhead));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var refused = await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", Resign(issued, sixAhead));
        await refused.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    // The same claims, signed with the configured key, issued (iat and nbf) at another time.
    private static string Resign(JsonWebToken token, DateTimeOffset issuedAt)
    {
        var timeClaims = new[] { "iat", "nbf", "exp" };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Claims = token.Claims.Where(c => !timeClaims.Contains(c.Type)).ToDictionary(c => c.Type, c => (object)c.Value),
            IssuedAt = issuedAt.UtcDateTime,
            NotBefore = issuedAt.UtcDateTime,
            Expires = issuedAt.UtcDateTime.AddMinutes(15),
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(PortalHost.JwtKey)), SecurityAlgorithms.HmacSha256),
        });
    }

    [Fact]
    public async Task Logout_revokes_the_family()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var token = (string)(await _client.LoginAsync(user))["refresh_token"]!;

        var logout = await _client.PostAsJsonAsync("/v1/auth/logout", new { refresh_token = token });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);

        var refresh = await _client.PostAsJsonAsync("/v1/auth/refresh", new { refresh_token = token });
        await refresh.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_valid_access_token_is_accepted()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var access = (string)(await _client.LoginAsync(user))["access_token"]!;
        var response = await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", access);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(user.Email, (string?)(await response.JsonAsync())["email"]);
    }

    [Fact]
    public async Task Access_tokens_with_alg_none_or_another_key_are_refused()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var access = new JsonWebToken((string)(await _client.LoginAsync(user))["access_token"]!);
        var claims = access.Claims.ToDictionary(c => c.Type, c => (object)c.Value);
        claims["exp"] = long.Parse(access.GetClaim("exp").Value);

        var handler = new JsonWebTokenHandler();
        var unsigned = handler.CreateToken(new SecurityTokenDescriptor { Claims = claims, TokenType = "at+jwt" });
        Assert.EndsWith(".", unsigned);
        var otherKey = handler.CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            TokenType = "at+jwt",
            SigningCredentials = new SigningCredentials(
                new SymmetricSecurityKey(Encoding.UTF8.GetBytes("another-signing-key-0123456789-abcdefghijklmnop")), SecurityAlgorithms.HmacSha256),
        });

        foreach (var forged in new[] { unsigned, otherKey })
        {
            var response = await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", forged);
            await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        }
    }

    [Fact]
    public async Task An_access_token_one_second_past_exp_is_refused()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var access = (string)(await client.LoginAsync(user))["access_token"]!;

        // Measured from the token's own exp, not from the sign-in: a cold host's first sign-in (which now also
        // starts a session) can take more than the one second this test leaves.
        var expires = new DateTimeOffset(new JsonWebToken(access).ValidTo, TimeSpan.Zero);
        host.Clock.Advance(expires - host.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", access)).StatusCode);

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", access);
        await expired.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
