using System.Net;
using System.Text.Json.Nodes;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Pagination;
using Boltly.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Boltly.Tests.Api.PublicApi;

public sealed class WebhooksApiTests(SharedPortal portal)
{
    private const string Webhooks = "/v1/developer-access/webhooks";

    [Fact]
    public async Task The_signing_secret_is_in_the_create_response_only()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.KeyAsync("tokens:create", "tokens:read");

        var response = await api.SendAsync(HttpMethod.Post, Webhooks, new { url = "https://hooks.example.com/boltly", events = new[] { "message.received" } }, key);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        var created = await response.JsonAsync();
        var id = (string)created["id"]!;
        var secret = (string)created["signing_secret"]!;
        Assert.StartsWith("whsec_", secret);
        Assert.True(secret.Length >= 40);
        Assert.Equal($"{Webhooks}/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("https://hooks.example.com/boltly", (string?)created["url"]);
        Assert.Equal(["message.received"], created["events"]!.AsArray().Select(e => (string)e!).ToArray());

        var list = await api.SendAsync(HttpMethod.Get, Webhooks, key: key);
        var listText = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(secret, listText);
        Assert.DoesNotContain("secret", listText);
        var row = Assert.Single(JsonNode.Parse(listText)!["data"]!.AsArray())!;
        Assert.Equal(id, (string?)row["id"]);

        // Kept encrypted: the stored value is not the secret and does not contain it.
        await using var db = await ContextForAsync(api);
        var stored = await db.WebhookSubscriptions.SingleAsync();
        Assert.DoesNotContain(secret, stored.ProtectedSecret);
        Assert.DoesNotContain(secret[6..], stored.ProtectedSecret);
    }

    [Fact]
    public async Task Urls_must_be_https_and_event_names_known()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.KeyAsync("tokens:create", "tokens:read");

        // The test host runs as "Testing": plain http is refused even to loopback.
        foreach (var url in new[] { "http://hooks.example.com/boltly", "http://127.0.0.1:8080/hook", "http://localhost/hook",
                     "ftp://hooks.example.com/x", "https://user:pass@hooks.example.com/x", "hooks.example.com/x", "", "https://" + new string('a', 2050) + ".com" })
        {
            var refused = await api.SendAsync(HttpMethod.Post, Webhooks, new { url }, key);
            await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
            var details = (await refused.JsonAsync())["details"]!.AsObject();
            Assert.True(details.ContainsKey("url"), $"{url}: {details.ToJsonString()}");
        }

        var badEvents = await api.SendAsync(HttpMethod.Post, Webhooks, new { url = "http://hooks.example.com/x", events = new[] { "message.received", "message.deleted" } }, key);
        await badEvents.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        var both = (await badEvents.JsonAsync())["details"]!.AsObject();
        Assert.True(both.ContainsKey("url"));
        Assert.Contains("message.deleted", both["events"]![0]!.GetValue<string>());

        // No events: every event.
        var all = await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = "https://hooks.example.com/all" }, key, HttpStatusCode.Created);
        Assert.Equal(WebhookEvents.All, all["events"]!.AsArray().Select(e => (string)e!));
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, Webhooks, key: key))["data"]!.AsArray());
    }

    [Fact]
    public async Task Plain_http_to_loopback_is_accepted_only_in_Development()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var caller = await api.User.SignedInCallerAsync(portal.Host, CredentialKind.Jwt);

        var development = Service("Development");
        var created = await development.CreateAsync(caller, "http://127.0.0.1:5005/hook", null);
        Assert.Equal("http://127.0.0.1:5005/hook", created.Subscription.Url);
        var external = await Assert.ThrowsAsync<DomainValidationException>(() => development.CreateAsync(caller, "http://hooks.example.com/x", null));
        Assert.Contains("url", external.Errors.Keys);

        var production = await Assert.ThrowsAsync<DomainValidationException>(() => Service("Production").CreateAsync(caller, "http://127.0.0.1:5005/hook", null));
        Assert.Contains("url", production.Errors.Keys);
        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, Webhooks))["data"]!.AsArray());
    }

    [Fact]
    public async Task The_list_pages_10_at_a_time_for_a_key_and_refuses_a_forged_cursor()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var created = new List<string>();
        for (var i = 0; i < WebhookService.MaxPerAccount; i++)
            created.Add((string)(await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = $"https://hooks.example.com/{i}" }, expected: HttpStatusCode.Created))["id"]!);
        created.Reverse();
        var over = await api.SendAsync(HttpMethod.Post, Webhooks, new { url = "https://hooks.example.com/one-too-many" });
        await over.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");

        var key = await api.KeyAsync("tokens:read");
        var seen = new List<string>();
        var sizes = new List<int>();
        string? cursor = null;
        do
        {
            var page = await api.OkJsonAsync(HttpMethod.Get, $"{Webhooks}?limit=50" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)), key: key);
            var data = page["data"]!.AsArray();
            sizes.Add(data.Count);
            seen.AddRange(data.Select(w => (string)w!["id"]!));
            cursor = (string?)page["next_cursor"];
            Assert.Equal(cursor is not null, (bool)page["has_more"]!);
        } while (cursor is not null);
        Assert.Equal([10, 10], sizes);
        Assert.Equal(created, seen);
        Assert.Equal(20, (await api.OkJsonAsync(HttpMethod.Get, $"{Webhooks}?limit=50"))["data"]!.AsArray().Count);

        var forged = await api.SendAsync(HttpMethod.Get, $"{Webhooks}?cursor=forged-{Guid.NewGuid():N}", key: key);
        await forged.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True((await forged.JsonAsync())["details"]!.AsObject().ContainsKey("cursor"));
        await api.CreateContactAsync(PublicApiClient.Phone());
        await api.CreateContactAsync(PublicApiClient.Phone());
        var contactsCursor = (string)(await api.OkJsonAsync(HttpMethod.Get, "/v1/contacts?limit=1"))["next_cursor"]!;
        await (await api.SendAsync(HttpMethod.Get, $"{Webhooks}?cursor={Uri.EscapeDataString(contactsCursor)}", key: key))
            .AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task Delete_answers_204_then_404()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.KeyAsync("tokens:create", "tokens:read");
        var id = (string)(await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = "https://hooks.example.com/x" }, key, HttpStatusCode.Created))["id"]!;
        var kept = (string)(await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = "https://hooks.example.com/y" }, key, HttpStatusCode.Created))["id"]!;

        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, $"{Webhooks}/{id}", key: key)).StatusCode);
        await (await api.SendAsync(HttpMethod.Delete, $"{Webhooks}/{id}", key: key)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        await (await api.SendAsync(HttpMethod.Delete, $"{Webhooks}/not-a-guid", key: key)).AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
        var remaining = (await api.OkJsonAsync(HttpMethod.Get, Webhooks, key: key))["data"]!.AsArray();
        Assert.Equal([kept], remaining.Select(w => (string)w!["id"]!).ToArray());
    }

    [Fact]
    public async Task Another_accounts_webhook_is_404_like_a_missing_one_and_stays()
    {
        var owner = await PublicApiClient.CreateAsync(portal.Host);
        var intruder = await PublicApiClient.CreateAsync(portal.Host);
        var id = (string)(await owner.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = "https://hooks.example.com/owner" }, expected: HttpStatusCode.Created))["id"]!;
        var before = (await owner.OkJsonAsync(HttpMethod.Get, Webhooks)).ToJsonString();
        var intruderKey = await intruder.KeyAsync("tokens:create", "tokens:read");

        foreach (var credential in new[] { intruderKey, null })
        {
            var foreign = await intruder.SendAsync(HttpMethod.Delete, $"{Webhooks}/{id}", key: credential);
            await foreign.AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
            var missing = await intruder.SendAsync(HttpMethod.Delete, $"{Webhooks}/{Guid.NewGuid()}", key: credential);
            Assert.Equal(await missing.Content.ReadAsStringAsync(), await foreign.Content.ReadAsStringAsync());
            Assert.Empty((await intruder.OkJsonAsync(HttpMethod.Get, Webhooks, key: credential))["data"]!.AsArray());
        }
        Assert.Equal(before, (await owner.OkJsonAsync(HttpMethod.Get, Webhooks)).ToJsonString());
    }

    [Fact]
    public async Task A_key_without_the_tokens_scope_is_403()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var id = (string)(await api.OkJsonAsync(HttpMethod.Post, Webhooks, new { url = "https://hooks.example.com/x" }, expected: HttpStatusCode.Created))["id"]!;
        var readOnly = await api.KeyAsync("tokens:read");
        var unrelated = await api.KeyAsync("contacts:read");

        await AssertScopeRefusedAsync(await api.SendAsync(HttpMethod.Post, Webhooks, new { url = "https://hooks.example.com/z" }, readOnly), "tokens:create");
        await AssertScopeRefusedAsync(await api.SendAsync(HttpMethod.Delete, $"{Webhooks}/{id}", key: readOnly), "tokens:create");
        await AssertScopeRefusedAsync(await api.SendAsync(HttpMethod.Get, Webhooks, key: unrelated), "tokens:read");
        await AssertScopeRefusedAsync(await api.SendAsync(HttpMethod.Get, "/v1/developer-access/scopes", key: unrelated), "tokens:read");

        Assert.Single((await api.OkJsonAsync(HttpMethod.Get, Webhooks, key: readOnly))["data"]!.AsArray());
        Assert.Equal(13, (await api.OkJsonAsync(HttpMethod.Get, "/v1/developer-access/scopes", key: readOnly))["data"]!.AsArray().Count);
    }

    [Fact]
    public async Task Create_refuses_an_Idempotency_Key_because_its_response_holds_the_secret()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.KeyAsync("tokens:create", "tokens:read");
        var refused = await api.SendAsync(HttpMethod.Post, Webhooks, new { url = "https://hooks.example.com/x" }, key, "hook-1");
        await refused.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("signing secret", (string)(await refused.JsonAsync())["details"]!["Idempotency-Key"]![0]!);
        Assert.Empty((await api.OkJsonAsync(HttpMethod.Get, Webhooks, key: key))["data"]!.AsArray());

        var document = JsonNode.Parse(await portal.Host.CreateHttpClient().GetStringAsync("/openapi/v1.json"))!;
        var create = document["paths"]![Webhooks]!["post"]!;
        Assert.Equal("refused", (string?)create["x-idempotency-key"]);
        Assert.DoesNotContain(create["parameters"]?.AsArray() ?? [], p => (string?)p!["name"] == "Idempotency-Key");
    }

    private static async Task AssertScopeRefusedAsync(HttpResponseMessage response, string scope)
    {
        await response.AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
        Assert.Contains(scope, (string)(await response.JsonAsync())["message"]!);
    }

    private WebhookService Service(string environment)
    {
        var services = portal.Host.Services;
        return new WebhookService(services.GetRequiredService<IDbContextFactory<AppDbContext>>(), services.GetRequiredService<Paginator>(),
            services.GetRequiredService<IDataProtectionProvider>(),
            new WebhookTargetPolicy(new TestHostNames(), Options.Create(new WebhookOptions()), new HostingEnvironment { EnvironmentName = environment }),
            services.GetRequiredService<ReauthenticationWindow>(), services.GetRequiredService<Boltly.Platform.Auth.RoleGate>(),
            services.GetRequiredService<Boltly.Platform.Auth.ConfirmedEmail>(), services.GetRequiredService<SecurityEventRecorder>(),
            Options.Create(new WebhookOptions()), TimeProvider.System);
    }

    private async Task<AppDbContext> ContextForAsync(PublicApiClient api) =>
        await portal.Host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateForAccountAsync(api.User.AccountId);
}
