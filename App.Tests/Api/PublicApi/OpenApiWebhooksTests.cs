using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Boltly.Platform.Events;
using Boltly.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Boltly.Tests.Api.PublicApi;

/// <summary>Issue 26 point 3: every event type in the OpenAPI 3.1 <c>webhooks</c> section, its schema generated from the
/// data type the outbox accepts for it, and the catalog endpoint (the lint test checks the section with the rest).</summary>
public sealed class OpenApiWebhooksTests(SharedPortal portal)
{
    /// <summary>Every event name the code knows (each public constant of <see cref="WebhookEvents"/>).</summary>
    private static IEnumerable<string> EveryEventName() => typeof(WebhookEvents)
        .GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);

    [Fact]
    public async Task Every_event_type_is_in_the_webhooks_section_with_the_envelope_and_its_data_schema()
    {
        var document = JsonNode.Parse(await portal.Host.CreateHttpClient().GetStringAsync("/openapi/v1.json"))!.AsObject();
        Assert.StartsWith("3.1", (string)document["openapi"]!);
        var webhooks = document["webhooks"]!.AsObject();
        var schemas = document["components"]!["schemas"]!.AsObject();
        var catalog = portal.Host.Services.GetRequiredService<EventTypeCatalog>();

        var names = EveryEventName().ToList();
        Assert.Equal(15, names.Count);
        Assert.Equal(names.Order(), catalog.All.Select(t => t.Name).Order());
        foreach (var type in catalog.All)
        {
            var operation = webhooks[type.Name]?["post"];
            Assert.True(operation is not null, $"{type.Name} is not in the webhooks section");
            var reference = (string)operation!["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!;
            var envelope = schemas[reference.Split('/')[^1]]!;
            Assert.Equal(["id", "type", "created_at", "account_id", "data"], envelope["properties"]!.AsObject().Select(p => p.Key));
            Assert.Equal(type.Name, (string)envelope["properties"]!["type"]!["enum"]![0]!);
            // data is the registered type's schema: the same component the endpoints that return that type use.
            var data = envelope["properties"]!["data"]!.ToJsonString();
            Assert.Contains(type.DataType.Name, data);
            var parameters = operation["parameters"]!.AsArray().Select(p => (string)p!["name"]!).ToList();
            Assert.Contains("webhook-id", parameters);
            Assert.Contains("webhook-signature", parameters);
            Assert.Contains("Boltly-Signature", parameters);
            Assert.Equal(type.Name, (string)operation["requestBody"]!["content"]!["application/json"]!["example"]!["type"]!);
        }
    }

    [Fact]
    public async Task The_outbox_refuses_an_event_type_or_data_that_the_catalog_does_not_describe()
    {
        var outbox = portal.Host.Services.GetRequiredService<WebhookEventOutbox>();
        await using var scope = portal.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var account = Guid.NewGuid();
        Assert.Throws<InvalidOperationException>(() => outbox.Emit(db, account, "contact.merged", new { id = 1 }));
        Assert.Throws<InvalidOperationException>(() => outbox.Emit(db, account, WebhookEvents.ContactCreated, new { id = 1 }));
        var sample = portal.Host.Services.GetRequiredService<EventTypeCatalog>().Find(WebhookEvents.ContactCreated)!.Sample;
        outbox.Emit(db, account, WebhookEvents.ContactCreated, sample);
        Assert.Single(db.ChangeTracker.Entries<WebhookEvent>());
    }

    [Fact]
    public async Task The_webhook_events_endpoint_lists_every_type_with_a_description_and_a_sample_body()
    {
        var api = await PublicApiClient.CreateAsync(portal.Host);
        var key = await api.KeyAsync("tokens:read");
        var listed = (await api.OkJsonAsync(HttpMethod.Get, "/v1/developer-access/webhook-events", key: key))["data"]!.AsArray();
        Assert.Equal(EveryEventName().Order(), listed.Select(t => (string)t!["type"]!).Order());
        foreach (var type in listed)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)type!["description"]));
            var sample = type["sample"]!.AsObject();
            Assert.Equal(["id", "type", "created_at", "account_id", "data"], sample.Select(p => p.Key));
            Assert.StartsWith("evt_", (string)sample["id"]!);
            Assert.Equal((string)type["type"]!, (string)sample["type"]!);
            Assert.NotNull(sample["data"]!["id"]);
        }
        var contact = listed.Single(t => (string)t!["type"]! == "contact.created")!["sample"]!["data"]!.AsObject();
        Assert.Equal(["id", "phone", "name", "email", "tags", "attributes", "created_at", "updated_at"], contact.Select(p => p.Key));
        var refused = await api.SendAsync(HttpMethod.Get, "/v1/developer-access/webhook-events", key: await api.KeyAsync("contacts:read"));
        await refused.AssertErrorAsync(HttpStatusCode.Forbidden, "INSUFFICIENT_SCOPE");
    }
}
