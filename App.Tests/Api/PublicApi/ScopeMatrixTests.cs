using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.PublicApi;

/// <summary>Each endpoint refuses a key without its scope (403 INSUFFICIENT_SCOPE naming the scope) and admits a key with only that scope.</summary>
public sealed class ScopeMatrixTests(SharedPortal portal)
{
    [Fact]
    public async Task Every_endpoint_refuses_a_key_without_its_scope_and_changes_nothing()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var ids = await PublicApiEndpoints.SeedAsync(api);
        // Every scope belongs to some endpoint: each endpoint gets a key holding a scope of another resource.
        var tokensKey = await api.KeyAsync("tokens:read");
        var contactsKey = await api.KeyAsync("contacts:read");

        foreach (var endpoint in PublicApiEndpoints.All)
        {
            var unrelated = endpoint.Scope.StartsWith("tokens:", StringComparison.Ordinal) ? contactsKey : tokensKey;
            var response = await api.SendAsync(new HttpMethod(endpoint.Method), endpoint.PathFor(ids), endpoint.Body?.Invoke(ids), unrelated);
            await response.AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
            Assert.Contains(endpoint.Scope, (string)(await response.JsonAsync())["message"]!);
        }

        var contact = await api.OkJsonAsync(HttpMethod.Get, $"/v1/contacts/{ids.Contact}");
        Assert.Equal(["vip"], contact["tags"]!.AsArray().Select(t => (string)t!).ToArray());
        Assert.Equal("draft", (string?)(await api.OkJsonAsync(HttpMethod.Get, $"/v1/broadcasts/{ids.Broadcast}"))["status"]);
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts"))["data"]!.AsArray());
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, "/v1/developer-access/webhooks"))["data"]!.AsArray());
    }

    [Fact]
    public async Task Every_endpoint_admits_a_key_with_only_its_scope()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var ids = await PublicApiEndpoints.SeedAsync(api);
        var keys = new Dictionary<string, string>();
        // Five keys per account: group the scopes so no account needs more.
        var groups = PublicApiEndpoints.All.Select(e => e.Scope).Distinct().Chunk(3).ToList();
        Assert.True(groups.Count <= 5);
        foreach (var group in groups)
        {
            var key = await api.KeyAsync(group);
            foreach (var scope in group) keys[scope] = key;
        }

        // Reads and creates first, state changes after, deletes last, so every call finds its resource.
        var order = PublicApiEndpoints.All.OrderBy(e => e.Method switch { "GET" => 0, "POST" when !e.Path.Contains('{') => 1, "DELETE" => 3, _ => 2 })
            .ThenBy(e => e.Path.EndsWith("/retry", StringComparison.Ordinal) ? 1 : 0).ThenBy(e => e.Path.StartsWith("/v1/templates", StringComparison.Ordinal) ? 1 : 0).ThenByDescending(e => e.Path.Length);
        foreach (var endpoint in order)
        {
            if (endpoint.Path == "/v1/templates/{template}/submit" || endpoint.Path == "/v1/templates/{template}")
            {
                if (endpoint.Method != "GET") continue; // the seeded template is submitted and in use; checked below on a fresh one
            }
            var response = await api.SendAsync(new HttpMethod(endpoint.Method), endpoint.PathFor(ids), endpoint.Body?.Invoke(ids), keys[endpoint.Scope]);
            Assert.True((int)response.StatusCode is >= 200 and < 300, $"{endpoint}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        var fresh = await api.CreateTemplateAsync("fresh_one", submit: false);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Post, $"/v1/templates/{fresh}/submit", key: keys["templates:create"])).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"/v1/templates/{fresh}", key: keys["templates:manage"])).StatusCode);
    }
}
