using System.Net;
using System.Net.Http.Headers;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

public sealed class ApiKeyAuthenticationTests(SharedPortal portal)
{
    private const string KeyLookup = "FROM api_keys";

    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Theory]
    [InlineData("sk_live_nope")]
    [InlineData("sk_live_0123456789abcdef0123456789abcdef00000000")]
    [InlineData("not a key at all")]
    public async Task Malformed_or_unknown_keys_are_401(string key)
    {
        var response = await _client.GetWithKeyAsync("/v1/developer-access/whoami", key);
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_well_formed_key_that_does_not_exist_is_401()
    {
        var key = Boltly.Features.ApiKeys.ApiKeyFormat.Generate().Secret;
        var response = await _client.GetWithKeyAsync("/v1/developer-access/whoami", key);
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task No_credential_is_401_with_the_default_message()
    {
        var response = await _client.GetAsync("/v1/developer-access/whoami");
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal("Authentication required", (string?)(await response.JsonAsync())["message"]);
    }

    [Fact]
    public async Task Two_different_credentials_in_one_request_are_401()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var key = await _client.CreateKeyAsync(jwt, ["tokens:read"]);

        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
        request.Headers.Add("X-API-Key", key.Secret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
        var response = await _client.SendAsync(request);
        await response.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task A_key_without_the_scope_gets_403_naming_it_and_a_key_with_it_passes()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var narrow = await _client.CreateKeyAsync(jwt, ["contacts:read"]);
        var wide = await _client.CreateKeyAsync(jwt, ["tokens:read"]);

        var refused = await _client.GetWithKeyAsync("/v1/developer-access/scopes", narrow.Secret);
        await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.Contains("tokens:read", (string?)(await refused.JsonAsync())["message"]);

        var allowed = await _client.GetWithKeyAsync("/v1/developer-access/scopes", wide.Secret);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(13, (await allowed.JsonAsync())["data"]!.AsArray().Count);

        // Sessions act with every scope.
        Assert.Equal(HttpStatusCode.OK, (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/scopes", jwt)).StatusCode);
    }

    [Fact]
    public async Task A_revoked_key_is_refused_at_once_on_the_same_host()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var key = await _client.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);

        await _client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt);
        var after = await _client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
        await after.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }

    [Fact]
    public async Task An_expired_key_is_refused_from_its_expiry_whatever_the_cache_holds()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["Cache:EntrySeconds"] = "3600" }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        // Expires well inside the cache lifetime, so the cached copy is certainly still there at expiry.
        var expiresAt = DateTimeOffset.UtcNow.AddMinutes(10);
        var key = await client.CreateKeyAsync(await client.AccessTokenAsync(user), ["contacts:read"], expiresAt);

        // Warm memory and Redis, and see the lifecycle header.
        var warm = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        Assert.Equal(expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"), warm.Headers.GetValues("X-API-Key-Expires-At").Single());
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);

        // Past the expiry, while the cached copy still lives (an hour): refused from the cache, without asking PostgreSQL.
        var lookups = host.Queries.Count(KeyLookup);
        host.Clock.Advance(expiresAt - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));
        var expired = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
        await expired.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(lookups, host.Queries.Count(KeyLookup));
        Assert.False(expired.Headers.Contains("X-API-Key-Expires-At"));
    }

    [Fact]
    public async Task A_key_without_expiry_gets_no_expiry_header()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var key = await _client.CreateKeyAsync(await _client.AccessTokenAsync(user), ["contacts:read"]);
        var response = await _client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-API-Key-Expires-At"));
        Assert.Null((string?)(await response.JsonAsync())["api_key"]!["expires_at"]);
    }

    [Fact]
    public async Task Whoami_shows_identity_scopes_expiry_and_rate_limit_state()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var key = await _client.CreateKeyAsync(jwt, ["inbox:read", "contacts:read"], name: "whoami key");
        var whoami = await (await _client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).JsonAsync();
        Assert.Equal(["contacts:read", "inbox:read"], whoami["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("whoami key", (string?)whoami["api_key"]!["name"]);
        Assert.Equal(key.Prefix, (string?)whoami["api_key"]!["prefix"]);
        Assert.Equal(120, (int?)whoami["rate_limit"]!["limit"]);
        Assert.Equal(119, (int?)whoami["rate_limit"]!["remaining"]);

        var session = await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", jwt)).JsonAsync();
        Assert.Equal("jwt", (string?)session["credential"]);
        Assert.Equal(13, session["scopes"]!.AsArray().Count);
    }

    [Fact]
    public async Task Last_used_is_written_in_a_batch_not_per_request()
    {
        // The background flush waits an hour here, so the explicit flush below is the only one.
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["ApiKeys:UsageFlushSeconds"] = "3600" }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var key = await client.CreateKeyAsync(await client.AccessTokenAsync(user), ["contacts:read"]);
        for (var i = 0; i < 5; i++) await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);

        var jwt = await client.AccessTokenAsync(user);
        var before = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys", jwt)).JsonAsync();
        Assert.Null((string?)before["data"]![0]!["last_used_at"]);

        var tracker = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Boltly.Features.ApiKeys.ApiKeyUsageTracker>(host.Services);
        Assert.Equal(1, await tracker.FlushAsync());
        var after = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys", jwt)).JsonAsync();
        var lastUsed = DateTimeOffset.Parse((string)after["data"]![0]!["last_used_at"]!);
        Assert.Equal(0, lastUsed.Second);
        Assert.True(DateTimeOffset.UtcNow - lastUsed < TimeSpan.FromMinutes(2));
    }
}
