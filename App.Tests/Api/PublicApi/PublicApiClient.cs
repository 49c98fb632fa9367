using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.PublicApi;

/// <summary>A fresh account with a signed-in owner, and helpers to call the public API with its JWT or with API keys.</summary>
public sealed class PublicApiClient
{
    private PublicApiClient(PortalHost host, TestUser user, string jwt)
    {
        Host = host;
        User = user;
        Jwt = jwt;
        Http = host.CreateHttpClient();
    }

    public PortalHost Host { get; }
    public TestUser User { get; }
    public string Jwt { get; }
    public HttpClient Http { get; }

    public static async Task<PublicApiClient> CreateAsync(PortalHost host)
    {
        var user = await TestUser.CreateAsync(host);
        return new PublicApiClient(host, user, await IssueJwtAsync(host, user));
    }

    /// <summary>
    /// A real access token from the app's own issuer. Signing in over HTTP for every test would trip the
    /// per-address sign-in limit (all tests come from 127.0.0.1); sign-in itself is tested elsewhere.
    /// </summary>
    public static async Task<string> IssueJwtAsync(PortalHost host, TestUser user)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var appUser = await users.FindByIdAsync(user.UserId.ToString()) ?? throw new InvalidOperationException("No such test user.");
        // A real session too: every access token's sid must name a live one (docs/sessions.md).
        return (await scope.ServiceProvider.GetRequiredService<RefreshTokenService>().IssueAsync(appUser, Boltly.Platform.Http.ClientInfo.Unknown)).AccessToken;
    }

    /// <summary>The same user and token against another host (instances sharing the database).</summary>
    public PublicApiClient WithHost(PortalHost other) => new(other, User, Jwt);

    /// <summary>The same user with a token issued now by the host's clock (after a test moved it past the old one's expiry).</summary>
    public async Task<PublicApiClient> ReissuedAsync() => new(Host, User, await IssueJwtAsync(Host, User));

    /// <summary>A new API key of this account with exactly these scopes.</summary>
    public async Task<string> KeyAsync(params string[] scopes)
    {
        var response = await Http.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", Jwt, new { name = "t", scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.JsonAsync())["secret_key"]!;
    }

    /// <summary>Sends with the API key when given, else with the session (JWT).</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? key = null, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (key is null) request.WithBearer(Jwt);
        else request.Headers.Add("X-API-Key", key);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        return Http.SendAsync(request);
    }

    public async Task<JsonObject> OkJsonAsync(HttpMethod method, string path, object? body = null, string? key = null,
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await SendAsync(method, path, body, key);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{method} {path}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public async Task<string> CreateContactAsync(string phone, params string[] tags) =>
        (string)(await OkJsonAsync(HttpMethod.Post, "/v1/contacts", new { phone, name = "Ada " + phone, tags }, expected: HttpStatusCode.Created))["id"]!;

    public async Task<string> CreateTemplateAsync(string name, bool submit, string body = "Hello {{1}}, your code is {{2}}")
    {
        var id = (string)(await OkJsonAsync(HttpMethod.Post, "/v1/templates",
            new { name, language = "en", category = "utility", body }, expected: HttpStatusCode.Created))["id"]!;
        if (submit) await OkJsonAsync(HttpMethod.Post, $"/v1/templates/{id}/submit");
        return id;
    }

    public async Task<string> StartConversationAsync(string contactId) =>
        (string)(await OkJsonAsync(HttpMethod.Post, "/v1/conversations", new { contact_id = contactId }, expected: HttpStatusCode.Created))["id"]!;

    public async Task<string> CreateBroadcastAsync(string templateId, params string[] tags) =>
        (string)(await OkJsonAsync(HttpMethod.Post, "/v1/broadcasts",
            new { name = "Spring sale", template_id = templateId, audience_tags = tags, variables = new[] { "Ada", "42" } },
            expected: HttpStatusCode.Created))["id"]!;

    public static string Phone() => "+1415" + Random.Shared.Next(1000000, 9999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
