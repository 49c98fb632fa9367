using System.Net;
using System.Text.Json.Nodes;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>The account key policy over real HTTP (docs/api-keys.md#the-account-key-policy): read by anyone, set by owners and
/// admins, the maximum lifetime enforced on create (400 naming <c>expires_at</c>), every change in the audit log.</summary>
public sealed class KeyPolicyTests(SharedPortal portal)
{
    private const string Policy = "/v1/account/key-policy";

    [Fact]
    public async Task A_new_account_has_no_policy_and_an_owner_sets_one_that_is_read_back_and_audited()
    {
        var client = portal.Host.CreateHttpClient();
        var user = await TestUser.CreateAsync(portal.Host);
        var token = (string)(await client.LoginAsync(user))["access_token"]!;

        var none = await (await client.SendWithBearerAsync(HttpMethod.Get, Policy, token)).JsonAsync();
        Assert.Null(none["max_lifetime_days"]);
        Assert.Null(none["idle_revoke_days"]);
        Assert.Null(none["updated_at"]);

        var put = await client.SendWithBearerAsync(HttpMethod.Put, Policy, token, new { max_lifetime_days = 90, idle_revoke_days = 30 });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await (await client.SendWithBearerAsync(HttpMethod.Get, Policy, token)).JsonAsync();
        Assert.Equal(90, (int)read["max_lifetime_days"]!);
        Assert.Equal(30, (int)read["idle_revoke_days"]!);
        Assert.NotNull(read["updated_at"]);

        // Absent fields are null: the whole policy is replaced.
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Put, Policy, token, new { max_lifetime_days = 30 })).StatusCode);
        var replaced = await (await client.SendWithBearerAsync(HttpMethod.Get, Policy, token)).JsonAsync();
        Assert.Equal(30, (int)replaced["max_lifetime_days"]!);
        Assert.Null(replaced["idle_revoke_days"]);

        var log = await (await client.SendWithBearerAsync(HttpMethod.Get, "/v1/account/audit-log?action=key_policy_changed", token)).JsonAsync();
        var entries = log["data"]!.AsArray();
        Assert.Equal(2, entries.Count);
        var newest = entries[0]!;
        Assert.Equal("member", (string)newest["actor"]!["type"]!);
        Assert.Equal(user.UserId.ToString(), (string)newest["actor"]!["id"]!);
        Assert.Contains("max lifetime 30 days", (string)newest["detail"]!);
    }

    [Theory]
    [InlineData(0, null, "max_lifetime_days")]
    [InlineData(3651, null, "max_lifetime_days")]
    [InlineData(null, 6, "idle_revoke_days")]
    [InlineData(null, 3651, "idle_revoke_days")]
    public async Task Out_of_range_values_are_400_naming_the_field(int? lifetime, int? idle, string field)
    {
        var client = portal.Host.CreateHttpClient();
        var token = (string)(await client.LoginAsync(await TestUser.CreateAsync(portal.Host)))["access_token"]!;
        var response = await client.SendWithBearerAsync(HttpMethod.Put, Policy, token, new { max_lifetime_days = lifetime, idle_revoke_days = idle });
        await AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Under_a_maximum_lifetime_a_create_without_an_expiry_or_beyond_it_is_refused_and_one_inside_it_is_made()
    {
        var client = portal.Host.CreateHttpClient();
        var token = (string)(await client.LoginAsync(await TestUser.CreateAsync(portal.Host)))["access_token"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Put, Policy, token, new { max_lifetime_days = 30 })).StatusCode);
        var now = portal.Host.Clock.GetUtcNow();

        var without = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", token,
            new { name = "forever", scopes = new[] { "contacts:read" } });
        var message = await AssertFieldErrorAsync(without, "expires_at");
        Assert.Contains("30 days", message);
        await AssertFieldErrorAsync(await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", token,
            new { name = "too long", scopes = new[] { "contacts:read" }, expires_at = now.AddDays(31) }), "expires_at");

        var inside = await client.CreateKeyAsync(token, ["contacts:read"], now.AddDays(29));
        Assert.Equal(HttpStatusCode.OK, (await client.GetWithKeyAsync("/v1/developer-access/whoami", inside.Secret)).StatusCode);

        // Lifted: a key without an expiry is allowed again.
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithBearerAsync(HttpMethod.Put, Policy, token, new { })).StatusCode);
        await client.CreateKeyAsync(token, ["contacts:read"]);
    }

    private static async Task<string> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        var body = JsonNode.Parse(text)!;
        Assert.Equal("VALIDATION_FAILED", (string)body["error"]!);
        var messages = body["details"]![field]?.AsArray();
        Assert.True(messages is { Count: > 0 }, $"no message for {field}: {text}");
        return (string)messages![0]!;
    }
}
