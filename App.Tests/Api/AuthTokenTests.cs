using System.Net;
using System.Net.Http.Json;
using System.Text;
using Boltly.Tests.Infrastructure;
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

        host.Clock.Advance(TimeSpan.FromSeconds(899));
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", access)).StatusCode);

        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", access);
        await expired.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
