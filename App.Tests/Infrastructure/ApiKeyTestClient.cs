using System.Net;
using System.Net.Http.Json;

namespace Boltly.Tests.Infrastructure;

/// <summary>Creates keys the way an owner does (a JWT session on the management endpoint) and calls with them.</summary>
public static class ApiKeyTestClient
{
    public sealed record Key(Guid Id, string Secret, string Prefix);

    public static async Task<string> AccessTokenAsync(this HttpClient client, TestUser user) =>
        (string)(await client.LoginAsync(user))["access_token"]!;

    public static async Task<Key> CreateKeyAsync(this HttpClient client, string accessToken, string[] scopes, DateTimeOffset? expiresAt = null, string name = "test key")
    {
        var response = await client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", accessToken,
            new { name, scopes, expires_at = expiresAt });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"create key: {(int)response.StatusCode} {body}");
        var json = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        return new Key(Guid.Parse((string)json["id"]!), (string)json["secret_key"]!, (string)json["prefix"]!);
    }

    public static Task<HttpResponseMessage> GetWithKeyAsync(this HttpClient client, string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-API-Key", key);
        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> SendWithKeyAsync(this HttpClient client, HttpMethod method, string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-API-Key", key);
        if (body is not null) request.Content = JsonContent.Create(body);
        return client.SendAsync(request);
    }

    public static int HeaderInt(this HttpResponseMessage response, string name) =>
        int.Parse(response.Headers.GetValues(name).Single(), System.Globalization.CultureInfo.InvariantCulture);
}
