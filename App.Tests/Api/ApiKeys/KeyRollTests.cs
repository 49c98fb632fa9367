using System.Globalization;
using System.Net;
using System.Text.Json;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>Rolling a key (API.md "API key lifecycle"): the successor, the old key's grace and its headers, the limit,
/// the refusals, the webhook event and the security event, over real HTTP, PostgreSQL and Redis.</summary>
public sealed class KeyRollTests(SharedPortal portal)
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();

    public static Task<HttpResponseMessage> RollAsync(HttpClient client, string jwt, Guid keyId, object? body = null) =>
        client.SendWithBearerAsync(HttpMethod.Post, $"/v1/developer-access/api-keys/{keyId}/roll", jwt, body ?? new { });

    public static async Task<JsonElement> KeyAsync(HttpClient client, string jwt, Guid keyId)
    {
        var list = await client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys?limit=100", jwt);
        using var doc = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("data").EnumerateArray().Single(k => k.GetProperty("id").GetGuid() == keyId).Clone();
    }

    [Fact]
    public async Task A_roll_at_5_of_5_gives_a_working_successor_and_the_old_key_keeps_working_as_rolling()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var keys = new List<ApiKeyTestClient.Key>();
        for (var i = 0; i < 5; i++) keys.Add(await _client.CreateKeyAsync(jwt, ["contacts:read", "inbox:read"], name: $"k{i}"));
        await _client.SendWithBearerAsync(HttpMethod.Patch, $"/v1/developer-access/api-keys/{keys[0].Id}", jwt,
            new { allowed_ips = new[] { "127.0.0.1", "10.0.0.0/8" } });

        var response = await RollAsync(_client, jwt, keys[0].Id, new { grace_seconds = 3600 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var rolled = await response.JsonAsync();
        var secret = (string)rolled["secret_key"]!;
        var successorId = Guid.Parse((string)rolled["id"]!);
        Assert.NotEqual(keys[0].Secret, secret);
        Assert.Equal("k0", (string?)rolled["name"]);
        Assert.Equal("active", (string?)rolled["status"]);
        Assert.Equal(["contacts:read", "inbox:read"], rolled["scopes"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(["127.0.0.1", "10.0.0.0/8"], rolled["allowed_ips"]!.AsArray().Select(s => (string)s!));

        // Both work; the old one says when it stops.
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/v1/developer-access/whoami", secret)).StatusCode);
        var old = await _client.GetWithKeyAsync("/v1/developer-access/whoami", keys[0].Secret);
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        Assert.True(old.Headers.Contains("Sunset"));
        Assert.True(old.Headers.Contains("Deprecation"));
        Assert.False((await _client.GetWithKeyAsync("/v1/developer-access/whoami", secret)).Headers.Contains("Sunset"));

        var listed = await KeyAsync(_client, jwt, keys[0].Id);
        Assert.Equal("rolling", listed.GetProperty("status").GetString());
        Assert.Equal(successorId, listed.GetProperty("replaced_by").GetGuid());
        // The pair counts once: still 5 of 5, so a sixth key is refused.
        var sixth = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", jwt, new { name = "six", scopes = new[] { "contacts:read" } });
        await sixth.AssertErrorAsync(HttpStatusCode.Conflict, "KEY_LIMIT_REACHED");
        var rollingList = await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys?status=rolling", jwt);
        Assert.Single((await rollingList.JsonAsync())["data"]!.AsArray());

        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var events = await db.WebhookOutboxEvents.AsNoTracking().Where(e => e.AccountId == user.AccountId && e.Type == "api_key.rolled").ToListAsync();
        var data = JsonDocument.Parse(Assert.Single(events).Data).RootElement;
        Assert.Equal(keys[0].Id, data.GetProperty("id").GetGuid());
        Assert.Equal("rolling", data.GetProperty("status").GetString());
        Assert.Equal(successorId, data.GetProperty("replaced_by").GetGuid());
        var audit = await db.SecurityEvents.IgnoreQueryFilters().AsNoTracking().Where(e => e.AccountId == user.AccountId && e.Type == "api_key_rolled").ToListAsync();
        var entry = Assert.Single(audit);
        Assert.Equal(user.UserId, entry.ActorId);
        Assert.Contains(keys[0].Prefix, entry.Detail);
        Assert.DoesNotContain(secret[16..], entry.Detail);
    }

    [Fact]
    public async Task The_old_key_works_through_the_grace_with_Sunset_at_its_end_and_is_refused_one_second_after()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);

        Assert.Equal(HttpStatusCode.Created, (await RollAsync(client, jwt, key.Id, new { grace_seconds = 3600 })).StatusCode);
        var graceEnd = (await KeyAsync(client, jwt, key.Id)).GetProperty("grace_ends_at").GetDateTimeOffset();
        var start = host.Clock.GetUtcNow();
        Assert.InRange(graceEnd - start, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(60));

        var during = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
        Assert.Equal(HttpStatusCode.OK, during.StatusCode);
        Assert.Equal(graceEnd.UtcDateTime.ToString("R", CultureInfo.InvariantCulture), during.Headers.GetValues("Sunset").Single());
        Assert.Equal("@" + graceEnd.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), during.Headers.GetValues("Deprecation").Single());

        // A second before the end it still works, from the cached record; a second after, it is refused, whatever the cache holds.
        host.Clock.Advance(graceEnd - host.Clock.GetUtcNow() - TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);
        host.Clock.Advance(TimeSpan.FromSeconds(2));
        var after = await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret);
        await after.AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.False(after.Headers.Contains("Sunset"));
    }

    [Fact]
    public async Task Rolling_a_rolling_revoked_or_expired_key_is_409_and_bad_input_is_400()
    {
        await using var host = await PortalHost.StartAsync(new PortalHost());
        var client = host.CreateHttpClient();
        var user = await TestUser.CreateAsync(host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);

        var tooLong = await RollAsync(client, jwt, key.Id, new { grace_seconds = 604801 });
        await tooLong.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("grace_seconds", await tooLong.Content.ReadAsStringAsync());
        await (await RollAsync(client, jwt, key.Id, new { grace_seconds = -1 })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await RollAsync(client, jwt, key.Id, new { expires_at = DateTimeOffset.UtcNow.AddDays(-1) }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await RollAsync(client, jwt, key.Id, new { grace = 5 })).AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        await (await RollAsync(client, jwt, Guid.NewGuid())).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");

        Assert.Equal(HttpStatusCode.Created, (await RollAsync(client, jwt, key.Id)).StatusCode);
        var again = await RollAsync(client, jwt, key.Id);
        await again.AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");

        var revoked = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        await client.SendWithBearerAsync(HttpMethod.Delete, $"/v1/developer-access/api-keys/{revoked.Id}", jwt);
        await (await RollAsync(client, jwt, revoked.Id)).AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");

        var expiring = await client.CreateKeyAsync(jwt, ["contacts:read"], DateTimeOffset.UtcNow.AddMinutes(5));
        host.Clock.Advance(TimeSpan.FromMinutes(6));
        jwt = await client.AccessTokenAsync(user);
        await (await RollAsync(client, jwt, expiring.Id)).AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");
    }

    [Fact]
    public async Task The_grace_never_outlives_the_old_key_and_the_successor_keeps_its_expiry_unless_given()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var expiresAt = DateTimeOffset.UtcNow.AddHours(2);
        var key = await _client.CreateKeyAsync(jwt, ["contacts:read"], expiresAt);

        var rolled = await (await RollAsync(_client, jwt, key.Id, new { grace_seconds = 604800 })).JsonAsync();
        var old = await KeyAsync(_client, jwt, key.Id);
        Assert.Equal(old.GetProperty("expires_at").GetDateTimeOffset(), old.GetProperty("grace_ends_at").GetDateTimeOffset());
        Assert.Equal(old.GetProperty("expires_at").GetDateTimeOffset(), ((DateTimeOffset?)rolled["expires_at"])!.Value);

        var other = await _client.CreateKeyAsync(jwt, ["contacts:read"]);
        var later = DateTimeOffset.UtcNow.AddDays(30);
        var withExpiry = await (await RollAsync(_client, jwt, other.Id, new { expires_at = later })).JsonAsync();
        Assert.Equal(later.ToUnixTimeSeconds(), ((DateTimeOffset?)withExpiry["expires_at"])!.Value.ToUnixTimeSeconds());
        // No grace given: 24 hours.
        var otherOld = await KeyAsync(_client, jwt, other.Id);
        Assert.InRange(otherOld.GetProperty("grace_ends_at").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24));
    }

    [Fact]
    public async Task Ending_the_grace_refuses_the_old_key_at_once_and_a_grace_of_nothing_retires_it_at_the_roll()
    {
        var user = await TestUser.CreateAsync(portal.Host);
        var jwt = await _client.AccessTokenAsync(user);
        var key = await _client.CreateKeyAsync(jwt, ["contacts:read"]);
        await (await _client.SendWithBearerAsync(HttpMethod.Post, $"/v1/developer-access/api-keys/{key.Id}/end-grace", jwt))
            .AssertErrorAsync(HttpStatusCode.Conflict, "INVALID_STATE");
        var successor = await (await RollAsync(_client, jwt, key.Id)).JsonAsync();
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).StatusCode);

        var end = await _client.SendWithBearerAsync(HttpMethod.Post, $"/v1/developer-access/api-keys/{key.Id}/end-grace", jwt);
        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        await (await _client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/v1/developer-access/whoami", (string)successor["secret_key"]!)).StatusCode);
        Assert.Equal("revoked", (await KeyAsync(_client, jwt, key.Id)).GetProperty("status").GetString());

        var other = await _client.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await _client.GetWithKeyAsync("/v1/developer-access/whoami", other.Secret)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await RollAsync(_client, jwt, other.Id, new { grace_seconds = 0 })).StatusCode);
        await (await _client.GetWithKeyAsync("/v1/developer-access/whoami", other.Secret)).AssertErrorAsync(HttpStatusCode.Unauthorized, "UNAUTHORIZED");
    }
}
