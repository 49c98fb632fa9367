using System.Net;
using System.Text.Json.Nodes;
using Boltly.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.PublicApi;

/// <summary>OWASP API #1: another account's id answers 404 NOT_FOUND, exactly like a missing id, and nothing changes.</summary>
public sealed class IsolationTests(SharedPortal portal)
{
    [Fact]
    public async Task Every_endpoint_called_with_another_accounts_ids_is_404_and_changes_nothing()
    {
        var owner = await PublicApiClient.CreateAsync(portal.Host);
        var intruder = await PublicApiClient.CreateAsync(portal.Host);
        var ids = await PublicApiEndpoints.SeedAsync(owner);
        var before = await SnapshotAsync(owner, ids);
        var intruderKey = await intruder.KeyAsync("contacts:read", "contacts:write", "contacts:manage", "inbox:read", "inbox:write");
        var intruderKey2 = await intruder.KeyAsync("broadcasts:read", "broadcasts:create", "broadcasts:send", "templates:read", "templates:create");
        var intruderKey3 = await intruder.KeyAsync("templates:manage", "tokens:read", "tokens:create");
        string KeyFor(string scope) => scope.StartsWith("contacts", StringComparison.Ordinal) || scope.StartsWith("inbox", StringComparison.Ordinal)
            ? intruderKey : scope == "templates:manage" || scope.StartsWith("tokens", StringComparison.Ordinal) ? intruderKey3 : intruderKey2;

        foreach (var endpoint in PublicApiEndpoints.All)
        {
            var path = endpoint.PathFor(ids);
            var withOwnersIds = endpoint.Path.Contains('{') || endpoint.Body is not null && endpoint.Path is "/v1/conversations" or "/v1/broadcasts";
            if (!withOwnersIds) continue;
            foreach (var credential in new[] { KeyFor(endpoint.Scope), null })
            {
                var response = await intruder.SendAsync(new HttpMethod(endpoint.Method), path, endpoint.Body?.Invoke(ids), credential);
                if (endpoint.Path == "/v1/broadcasts")
                {
                    // The template id is a body field: another account's template is "no such template", like a random id.
                    await response.AssertErrorAsync(HttpStatusCode.BadRequest, "VALIDATION_FAILED");
                    var random = await intruder.SendAsync(HttpMethod.Post, path, new { name = "b", template_id = Guid.NewGuid(), audience_tags = new[] { "vip" } }, credential);
                    Assert.Equal((await response.JsonAsync())["details"]!.ToJsonString(), (await random.JsonAsync())["details"]!.ToJsonString());
                    continue;
                }
                await response.AssertErrorAsync(HttpStatusCode.NotFound, "NOT_FOUND");
                var missing = await intruder.SendAsync(new HttpMethod(endpoint.Method), endpoint.Path
                    .Replace("{contact}", Guid.NewGuid().ToString()).Replace("{conversation}", Guid.NewGuid().ToString())
                    .Replace("{template}", Guid.NewGuid().ToString()).Replace("{broadcast}", Guid.NewGuid().ToString())
                    .Replace("{webhook}", Guid.NewGuid().ToString()),
                    endpoint.Path == "/v1/conversations" ? new { contact_id = Guid.NewGuid() } : endpoint.Body?.Invoke(ids), credential);
                Assert.Equal(await response.Content.ReadAsStringAsync(), await missing.Content.ReadAsStringAsync());
            }
        }

        // The intruder's lists show none of the owner's rows.
        foreach (var list in new[] { "/v1/contacts", "/v1/conversations", "/v1/messages", "/v1/templates", "/v1/broadcasts", "/v1/developer-access/webhooks" })
        {
            var page = await intruder.OkJsonAsync(HttpMethod.Get, list);
            Assert.DoesNotContain(page["data"]!.AsArray(), row => ((string?)row!["id"]) is { } id && ids.ToString().Contains(id, StringComparison.Ordinal));
            Assert.Empty(page["data"]!.AsArray());
        }

        Assert.Equal(before, await SnapshotAsync(owner, ids));
    }

    [Fact]
    public async Task A_context_without_an_account_scope_sees_no_rows_and_cannot_write()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        await api.CreateContactAsync(PublicApiClient.Phone());
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var unscoped = await contexts.CreateDbContextAsync();
        Assert.Equal(0, await unscoped.Contacts.CountAsync());
        Assert.Equal(1, await unscoped.Contacts.IgnoreQueryFilters().CountAsync(c => c.AccountId == api.User.AccountId));
        unscoped.Contacts.Add(new Boltly.Features.Contacts.Contact { Phone = "+14155550999", AccountId = api.User.AccountId });
        await Assert.ThrowsAsync<Boltly.Platform.Data.AccountScopeException>(() => unscoped.SaveChangesAsync());

        await using var other = (await contexts.CreateDbContextAsync()).ForAccount(Guid.NewGuid());
        Assert.Equal(0, await other.Contacts.CountAsync());
        other.Contacts.Add(new Boltly.Features.Contacts.Contact { Phone = "+14155550999", AccountId = api.User.AccountId });
        await Assert.ThrowsAsync<Boltly.Platform.Data.AccountScopeException>(() => other.SaveChangesAsync());
    }

    [Fact]
    public async Task Keys_deliveries_usage_events_and_members_are_confined_to_the_contexts_account()
    {
        var a = await PublicApiClient.CreateAsync(portal.Host);
        var b = await PublicApiClient.CreateAsync(portal.Host);
        await a.KeyAsync("contacts:read");
        await b.KeyAsync("contacts:read");
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var contexts = scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>();

        await using var ofA = await contexts.CreateForAccountAsync(a.User.AccountId);
        Assert.All(await ofA.ApiKeys.ToListAsync(), k => Assert.Equal(a.User.AccountId, k.AccountId));
        Assert.NotEmpty(await ofA.ApiKeys.ToListAsync());
        Assert.Equal([a.User.UserId], await ofA.Users.Select(u => u.Id).ToListAsync());
        Assert.All(await ofA.SecurityEvents.ToListAsync(), e => Assert.Equal(a.User.AccountId, e.AccountId));
        Assert.NotEmpty(await ofA.SecurityEvents.ToListAsync());
        Assert.Equal(0, await ofA.ApiKeys.CountAsync(k => k.CreatedByUserId == b.User.UserId));

        // Unconfined: account rows fail closed; users stay visible to Identity's stores (sign-in knows only an email).
        await using var unscoped = await contexts.CreateDbContextAsync();
        Assert.Equal(0, await unscoped.ApiKeys.CountAsync());
        Assert.Equal(0, await unscoped.SecurityEvents.CountAsync());
        Assert.Equal(0, await unscoped.WebhookDeliveries.CountAsync());
        Assert.Equal(0, await unscoped.UsageRollups.CountAsync());
        Assert.Equal(2, await unscoped.Users.CountAsync(u => u.Id == a.User.UserId || u.Id == b.User.UserId));

        // A worker's context writes rows of any account, but only with their account named.
        await using var worker = await contexts.CreateForEveryAccountAsync();
        Assert.Throws<Boltly.Platform.Data.AccountScopeException>(() => worker.ForAccount(a.User.AccountId));
        worker.WebhookDeliveries.Add(new WebhookDelivery { EventId = Guid.NewGuid(), SubscriptionId = Guid.NewGuid() });
        await Assert.ThrowsAsync<Boltly.Platform.Data.AccountScopeException>(() => worker.SaveChangesAsync());
    }

    private static async Task<string> SnapshotAsync(PublicApiClient owner, PublicApiEndpoints.Ids ids)
    {
        var parts = new List<JsonNode?>
        {
            await owner.OkJsonAsync(HttpMethod.Get, $"/v1/contacts/{ids.Contact}"),
            await owner.OkJsonAsync(HttpMethod.Get, $"/v1/conversations/{ids.Conversation}"),
            await owner.OkJsonAsync(HttpMethod.Get, $"/v1/conversations/{ids.Conversation}/messages"),
            await owner.OkJsonAsync(HttpMethod.Get, $"/v1/templates/{ids.Template}"),
            await owner.OkJsonAsync(HttpMethod.Get, $"/v1/broadcasts/{ids.Broadcast}"),
            await owner.OkJsonAsync(HttpMethod.Get, $"/v1/broadcasts/{ids.Broadcast}/metrics"),
            await owner.OkJsonAsync(HttpMethod.Get, "/v1/contacts"),
            await owner.OkJsonAsync(HttpMethod.Get, "/v1/templates"),
            await owner.OkJsonAsync(HttpMethod.Get, "/v1/broadcasts"),
            await owner.OkJsonAsync(HttpMethod.Get, "/v1/messages"),
            await owner.OkJsonAsync(HttpMethod.Get, "/v1/developer-access/webhooks"),
        };
        return string.Join("\n", parts.Select(p => p!.ToJsonString()));
    }
}
