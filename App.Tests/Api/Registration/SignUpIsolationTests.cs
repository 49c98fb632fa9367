using System.Net;
using Boltly.Tests.Infrastructure;

namespace Boltly.Tests.Api.Registration;

/// <summary>Two accounts made the way newcomers make them (sign-up, confirmation from the mail): every key and webhook
/// endpoint given the other account's ids answers 404, exactly as for ids that do not exist, and changes nothing.</summary>
public sealed class SignUpIsolationTests(SharedPortal portal) : IDisposable
{
    private readonly HttpClient _client = portal.Host.CreateHttpClient();
    private readonly MailInbox _inbox = new();

    [Fact]
    public async Task Every_key_and_webhook_endpoint_answers_404_for_the_other_accounts_ids()
    {
        var alice = await SignUpFlow.ConfirmedAsync(portal.Host, _client, _inbox, "Alice's account");
        var bob = await SignUpFlow.ConfirmedAsync(portal.Host, _client, _inbox, "Bob's account");
        var aliceAccess = (string)(await _client.LoginAsync(alice))["access_token"]!;
        var bobAccess = (string)(await _client.LoginAsync(bob))["access_token"]!;

        var key = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/api-keys", aliceAccess, new { name = "alice", scopes = new[] { "contacts:read" } });
        Assert.Equal(HttpStatusCode.Created, key.StatusCode);
        var keyId = (string)(await key.JsonAsync())["id"]!;
        var hook = await _client.SendWithBearerAsync(HttpMethod.Post, "/v1/developer-access/webhooks", aliceAccess, new { url = "https://hooks.example.com/alice" });
        Assert.Equal(HttpStatusCode.Created, hook.StatusCode);
        var hookId = (string)(await hook.JsonAsync())["id"]!;

        (HttpMethod Method, string Path, object? Body)[] endpoints =
        [
            (HttpMethod.Delete, $"/v1/developer-access/api-keys/{keyId}", null),
            (HttpMethod.Delete, $"/v1/api-keys/{keyId}", null),
            (HttpMethod.Get, $"/v1/developer-access/api-keys/{keyId}/usage", null),
            (HttpMethod.Get, $"/v1/developer-access/api-keys/{keyId}/requests", null),
            (HttpMethod.Delete, $"/v1/developer-access/webhooks/{hookId}", null),
            (HttpMethod.Patch, $"/v1/developer-access/webhooks/{hookId}", new { enabled = false }),
            (HttpMethod.Get, $"/v1/developer-access/webhooks/{hookId}/deliveries", null),
            (HttpMethod.Post, $"/v1/developer-access/webhooks/{hookId}/test", null),
            (HttpMethod.Post, $"/v1/developer-access/webhooks/{hookId}/deliveries/{Guid.NewGuid()}/retry", null),
        ];
        foreach (var (method, path, body) in endpoints)
        {
            var response = await _client.SendWithBearerAsync(method, path, bobAccess, body);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.StatusCode} to the other account");
            await response.AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        }

        // Alice's key and webhook are as they were.
        var keys = await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/api-keys", aliceAccess)).JsonAsync();
        Assert.Contains(keys["data"]!.AsArray(), k => (string)k!["id"]! == keyId && (string)k["status"]! == "active");
        var hooks = await (await _client.SendWithBearerAsync(HttpMethod.Get, "/v1/developer-access/webhooks", aliceAccess)).JsonAsync();
        Assert.Contains(hooks["data"]!.AsArray(), h => (string)h!["id"]! == hookId && (bool)h["enabled"]!);
    }

    public void Dispose()
    {
        _client.Dispose();
        _inbox.Dispose();
    }
}
