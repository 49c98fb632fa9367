using System.Diagnostics;
using System.Net;
using Boltly.Tests.Api.Usage;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.ApiKeys;

/// <summary>A key's IP allowlist (API.md "API key lifecycle"): enforced after the key is known, on the address the
/// configured proxy forwards; 403 IP_NOT_ALLOWED counted as <c>ip_not_allowed</c>; a change seen everywhere within 1 s.</summary>
public sealed class IpAllowlistTests(ProxiedPortal proxied) : IClassFixture<ProxiedPortal>
{
    private PortalHost Host => proxied.Host;

    private static async Task<HttpResponseMessage> FromAsync(HttpClient client, string key, string address)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
        request.Headers.Add("X-API-Key", key);
        request.Headers.Add("X-Forwarded-For", address);
        return await client.SendAsync(request);
    }

    private static async Task<ApiKeyTestClient.Key> CreateWithAllowlistAsync(HttpClient client, string jwt, string[] allowed)
    {
        var response = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", jwt,
            new { name = "allowlisted", scopes = new[] { "contacts:read" }, allowed_ips = allowed });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        return new ApiKeyTestClient.Key(Guid.Parse((string)json["id"]!), (string)json["secret_key"]!, (string)json["prefix"]!);
    }

    [Fact]
    public async Task An_allowed_address_is_served_another_is_403_IP_NOT_ALLOWED_and_counted()
    {
        var client = Host.CreateHttpClient();
        var user = await TestUser.CreateAsync(Host);
        var jwt = await client.AccessTokenAsync(user);
        var key = await CreateWithAllowlistAsync(client, jwt, ["203.0.113.0/24", "2001:db8::/32", "192.0.2.7"]);

        Assert.Equal(HttpStatusCode.OK, (await FromAsync(client, key.Secret, "203.0.113.9")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FromAsync(client, key.Secret, "192.0.2.7")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await FromAsync(client, key.Secret, "2001:db8:1234::1")).StatusCode);
        var refused = await FromAsync(client, key.Secret, "198.51.100.7");
        await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "IP_NOT_ALLOWED");
        Assert.Contains("198.51.100.7", await refused.Content.ReadAsStringAsync());
        await (await FromAsync(client, key.Secret, "2001:db9::1")).AssertErrorAsync(HttpStatusCode.Forbidden, "IP_NOT_ALLOWED");
        // Without a forwarded address the connection's own (loopback) is judged.
        await (await client.GetWithKeyAsync("/v1/developer-access/whoami", key.Secret)).AssertErrorAsync(HttpStatusCode.Forbidden, "IP_NOT_ALLOWED");

        var usage = await UsageScenario.UsageWhenCountedAsync(Host, jwt, key.Id, 6);
        Assert.Equal(3, (long)usage["success"]!);
        Assert.Equal(3, (long)usage["ip_not_allowed"]!);
    }

    [Fact]
    public async Task Bad_entries_are_400_naming_the_entry_and_an_edit_replaces_the_list()
    {
        var client = Host.CreateHttpClient();
        var user = await TestUser.CreateAsync(Host);
        var jwt = await client.AccessTokenAsync(user);
        foreach (var (entries, named) in new[]
        {
            (new[] { "10.0.0.1/8" }, "10.0.0.0/8"), (new[] { "not-an-address" }, "not-an-address"), (new[] { "10.0.0.0/33" }, "10.0.0.0/33"),
            (new[] { "1" }, "allowed_ips"), (Enumerable.Range(1, 21).Select(i => $"192.0.2.{i}").ToArray(), "20"),
        })
        {
            var response = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", jwt,
                new { name = "bad", scopes = new[] { "contacts:read" }, allowed_ips = entries });
            await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
            var body = await response.Content.ReadAsStringAsync();
            Assert.Contains("allowed_ips", body);
            Assert.Contains(named, body);
        }

        var key = await client.CreateKeyAsync(jwt, ["contacts:read"]);
        Assert.Equal(HttpStatusCode.OK, (await FromAsync(client, key.Secret, "198.51.100.7")).StatusCode);
        var patch = await client.SendWithBearerAsync(HttpMethod.Patch, $"/v1/developer-access/api-keys/{key.Id}", jwt,
            new { allowed_ips = new[] { " 203.0.113.0/24 ", "2001:DB8::/32" } });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var json = await patch.JsonAsync();
        Assert.Equal(["203.0.113.0/24", "2001:db8::/32"], json["allowed_ips"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("test key", (string?)json["name"]);
        await (await FromAsync(client, key.Secret, "198.51.100.7")).AssertErrorAsync(HttpStatusCode.Forbidden, "IP_NOT_ALLOWED");

        var cleared = await client.SendWithBearerAsync(HttpMethod.Patch, $"/v1/developer-access/api-keys/{key.Id}", jwt,
            new { name = "renamed", allowed_ips = Array.Empty<string>() });
        Assert.Equal("renamed", (string?)(await cleared.JsonAsync())["name"]);
        Assert.Equal(HttpStatusCode.OK, (await FromAsync(client, key.Secret, "198.51.100.7")).StatusCode);
        await (await client.SendWithBearerAsync(HttpMethod.Patch, $"/v1/developer-access/api-keys/{key.Id}", jwt, new { color = "red" }))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }
}

/// <summary>An allowlist change on one instance holds on the other within a second, as a revocation does.</summary>
[Collection(TimingSensitive.Name)]
public sealed class IpAllowlistAcrossInstancesTests(ITestOutputHelper output)
{
    [Fact]
    public async Task An_allowlist_change_on_one_instance_is_enforced_on_the_other_within_a_second()
    {
        var deployment = PortalHost.NewRedisPrefix();
        var proxied = new Dictionary<string, string?> { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" };
        await using var a = await PortalHost.StartAsync(new PortalHost(proxied, redisPrefix: deployment));
        await using var b = await PortalHost.StartAsync(new PortalHost(proxied, redisPrefix: deployment));
        var clientA = a.CreateHttpClient();
        var clientB = b.CreateHttpClient();
        var user = await TestUser.CreateAsync(a);
        var jwt = await clientA.AccessTokenAsync(user);
        var key = await clientA.CreateKeyAsync(jwt, ["contacts:read"]);
        async Task<HttpStatusCode> OnB()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/developer-access/whoami");
            request.Headers.Add("X-API-Key", key.Secret);
            request.Headers.Add("X-Forwarded-For", "198.51.100.7");
            return (await clientB.SendAsync(request)).StatusCode;
        }
        Assert.Equal(HttpStatusCode.OK, await OnB());
        Assert.Equal(HttpStatusCode.OK, await OnB());

        var clock = Stopwatch.StartNew();
        var patch = await clientA.SendWithBearerAsync(HttpMethod.Patch, $"/v1/developer-access/api-keys/{key.Id}", jwt,
            new { allowed_ips = new[] { "203.0.113.0/24" } });
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        HttpStatusCode status;
        do
        {
            status = await OnB();
            if (status == HttpStatusCode.Forbidden) break;
            await Task.Delay(5);
        } while (clock.Elapsed < TimeSpan.FromSeconds(5));
        output.WriteLine($"allowlist change enforced on the second instance {clock.Elapsed.TotalMilliseconds:F0} ms after the PATCH was sent");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalMilliseconds:F0} ms");
    }
}
