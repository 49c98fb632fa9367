using System.Net;
using System.Net.Http.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>Creating, listing and revoking keys over real HTTP, real PostgreSQL and Redis.</summary>
public sealed class ApiKeyManagementTests(SharedPortal portal)
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    [Fact]
    public async Task The_documented_create_returns_a_secret_that_works_as_X_API_Key_and_as_Bearer()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var response = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", jwt,
            new { name = "My integration", scopes = new[] { "contacts:read", "contacts:write", "inbox:read" } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.JsonAsync();
        var secret = (string)created["secret_key"]!;
        Assert.StartsWith("sk_live_", secret);
        Assert.Equal(secret[..16], (string?)created["prefix"]);
        Assert.Equal("active", (string?)created["status"]);
        Assert.Equal(["contacts:read", "contacts:write", "inbox:read"], created["scopes"]!.AsArray().Select(s => (string)s!));

        var viaHeader = await _client.GetWithKeyAsync("/v1/developer-access/whoami", secret);
        Assert.Equal(HttpStatusCode.OK, viaHeader.StatusCode);
        var whoami = await viaHeader.JsonAsync();
        Assert.Equal("api_key", (string?)whoami["credential"]);
        Assert.Equal(user.AccountId.ToString(), (string?)whoami["account_id"]);
        Assert.Equal((string?)created["id"], (string?)whoami["api_key"]!["id"]);

        var viaBearer = await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/whoami", secret);
        Assert.Equal(HttpStatusCode.OK, viaBearer.StatusCode);
    }

    [Fact]
    public async Task The_secret_appears_only_in_the_create_response_and_only_its_hash_is_stored()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var key = await _client.CreateKeyAsync(jwt, ["contacts:read"]);

        var list = await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys", jwt);
        var listText = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(key.Secret, listText);
        Assert.DoesNotContain(key.Secret[16..], listText);
        Assert.DoesNotContain("secret_key", listText);

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var row = await db.ApiKeys.IgnoreQueryFilters().AsNoTracking().SingleAsync(k => k.Id == key.Id);
        Assert.Equal(Boltly.Features.ApiKeys.ApiKeyFormat.Hash(key.Secret), row.KeyHash);
        // No column of the table holds the secret or its random part.
        var dump = await db.Database.SqlQueryRaw<string>("SELECT row_to_json(k)::text AS \"Value\" FROM api_keys k WHERE id = {0}", key.Id).SingleAsync();
        Assert.DoesNotContain(key.Secret[8..40], dump);
    }

    [Fact]
    public async Task Validation_errors_name_the_fields()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var response = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/api-keys", jwt,
            new { name = "", scopes = new[] { "contacts:read", "root:everything" }, expires_at = DateTimeOffset.UtcNow.AddDays(-1) });
        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var details = (await response.JsonAsync())["details"]!.AsObject();
        Assert.True(details.ContainsKey("name"));
        Assert.True(details.ContainsKey("scopes"));
        Assert.True(details.ContainsKey("expires_at"));
    }

    [Fact]
    public async Task Fifty_concurrent_creates_make_exactly_five_keys()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            portal.Host.CreateHttpClient().SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", jwt,
                new { name = $"k{i}", scopes = new[] { "contacts:read" } })));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(45, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        await responses.First(r => r.StatusCode == HttpStatusCode.Conflict).AssertErrorAsync(HttpStatusCode.Conflict, "KEY_LIMIT_REACHED");
    }

    [Fact]
    public async Task Revoked_and_expired_keys_do_not_count_towards_the_limit()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var keys = new List<ApiKeyTestClient.Key>();
        for (var i = 0; i < 4; i++) keys.Add(await client.CreateKeyAsync(jwt, ["contacts:read"]));
        var expiring = await client.CreateKeyAsync(jwt, ["contacts:read"], DateTimeOffset.UtcNow.AddHours(1));

        var sixth = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", jwt, new { name = "six", scopes = new[] { "contacts:read" } });
        await sixth.AssertErrorAsync(HttpStatusCode.Conflict, "KEY_LIMIT_REACHED");

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{keys[0].Id}", jwt)).StatusCode);
        await client.CreateKeyAsync(jwt, ["contacts:read"]);

        host.Clock.Advance(TimeSpan.FromHours(2));
        jwt = await client.AccessTokenAsync(user);
        await client.CreateKeyAsync(jwt, ["contacts:read"]);
        var list = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys?status=active", jwt)).JsonAsync();
        Assert.Equal(5, list["data"]!.AsArray().Count);
        Assert.DoesNotContain(list["data"]!.AsArray(), k => (string?)k!["id"] == expiring.Id.ToString());

        // The other filters, and a value the list does not know.
        async Task<string[]> IdsAsync(string status) =>
            (await (await client.SendWithBearerAsync(HttpMethod.Get, $"/v1/developer-access/api-keys?status={status}", jwt)).JsonAsync())["data"]!
                .AsArray().Select(k => (string)k!["id"]!).ToArray();
        Assert.Equal([expiring.Id.ToString()], await IdsAsync("expired"));
        Assert.Equal([keys[0].Id.ToString()], await IdsAsync("revoked"));
        var unknown = await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys?status=enabled", jwt);
        await unknown.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("status", (await unknown.JsonAsync())["details"]!.AsObject().Select(d => d.Key));
    }

    [Fact]
    public async Task Creating_a_key_refuses_an_Idempotency_Key_because_the_secret_cannot_be_replayed()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var request = new HttpRequestMessage(HttpMethod.Post, "/v1/developer-access/api-keys")
        {
            Content = JsonContent.Create(new { name = "retry-safe?", scopes = new[] { "contacts:read" } }),
        }.WithBearer(jwt);
        request.Headers.Add("Idempotency-Key", "create-once-1");

        var response = await _client.SendAsync(request);

        await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("Idempotency-Key", (await response.JsonAsync())["details"]!.AsObject().Select(d => d.Key));
        var list = await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys", jwt)).JsonAsync();
        Assert.Empty(list["data"]!.AsArray());
    }

    [Fact]
    public async Task Another_accounts_key_cannot_be_revoked_and_answers_404()
    {
        var owner = await TestUser.CreateAsync(portal.Host);
        var stranger = await TestUser.CreateAsync(portal.Host);
        var key = await _client.CreateKeyAsync(await _client.AccessTokenAsync(owner), ["contacts:read"]);

        var strangerJwt = await _client.AccessTokenAsync(stranger);
        var revoke = await _client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", strangerJwt);
        await revoke.AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        var missing = await _client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{Guid.NewGuid()}", strangerJwt);
        await missing.AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
    }

    [Fact]
    public async Task Key_management_refuses_an_api_key_with_session_required()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var key = await _client.CreateKeyAsync(jwt, ["contacts:read", "tokens:read", "tokens:create"]);

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/v1/developer-access/api-keys"), (HttpMethod.Post, "/v1/developer-access/api-keys"),
            (HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}"), (HttpMethod.Get, "/v1/api-keys"),
            (HttpMethod.Post, "/v1/api-keys"), (HttpMethod.Delete, $"/v1/api-keys/{key.Id}"),
        })
        {
            var response = await _client.SendWithKeyAsync(method, path, key.Secret, method == HttpMethod.Post ? new { name = "x", scopes = new[] { "contacts:read" } } : null);
            await response.AssertErrorAsync(HttpStatusCode.Forbidden, "SESSION_REQUIRED");
            Assert.Equal("This endpoint requires browser session authentication. API keys cannot be used for this operation.",
                (string?)(await response.JsonAsync())["message"]);
        }
    }

    [Fact]
    public async Task Keys_list_in_pages_with_an_opaque_cursor_and_a_forged_cursor_is_400()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost(new Dictionary<string, string?> { ["ApiKeys:MaxActivePerAccount"] = "30" }));
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var created = new List<Guid>();
        for (var i = 0; i < 25; i++) created.Add((await client.CreateKeyAsync(jwt, ["contacts:read"], name: $"key {i}")).Id);

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var path = "/v1/developer-access/api-keys?limit=10" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await (await client.SendWithBearerAsync(HttpMethod.Get, path, jwt)).JsonAsync();
            seen.AddRange(page["data"]!.AsArray().Select(k => Guid.Parse((string)k!["id"]!)));
            cursor = (string?)page["next_cursor"];
            Assert.Equal(cursor is not null, (bool)page["has_more"]!);
            pages++;
            if (pages == 1) await client.CreateKeyAsync(jwt, ["contacts:read"], name: "inserted meanwhile");
        } while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(created.AsEnumerable().Reverse(), seen);

        var forged = await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys?cursor=not-a-cursor", jwt);
        await forged.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var badLimit = await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys?limit=0", jwt);
        await badLimit.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Key_creation_and_revocation_are_security_events()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var key = await _client.CreateKeyAsync(jwt, ["contacts:read"]);
        await _client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{key.Id}", jwt);

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = await db.SecurityEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.AccountId == user.AccountId).Select(e => new { e.Type, e.Detail, e.ClientAddress }).ToListAsync();
        Assert.Contains(events, e => e.Type == "api_key_created" && e.Detail!.Contains(key.Prefix) && e.ClientAddress == "127.0.0.1");
        Assert.Contains(events, e => e.Type == "api_key_revoked" && e.Detail!.Contains(key.Prefix));
        Assert.DoesNotContain(events, e => e.Detail != null && e.Detail.Contains(key.Secret[16..]));
    }
}
