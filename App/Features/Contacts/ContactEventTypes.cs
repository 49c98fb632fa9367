using System.Text.Json.Nodes;
using Boltly.Features.Webhooks;
using Boltly.Platform.Events;

namespace Boltly.Features.Contacts;

/// <summary>The webhook events Contacts emits, with their data type and a sample (docs/webhooks.md).</summary>
internal static class ContactEventTypes
{
    private static readonly ContactResponse Sample = new(Guid.Parse("019ae5c1-0b7e-7f3a-8c21-5d4e3f2a1b01"), "+14155550100", "Ada Lovelace",
        "ada@example.com", ["vip"], new JsonObject { ["plan"] = "pro" }, EventTypeCatalog.SampleTime, EventTypeCatalog.SampleTime);

    public static void Register(IServiceCollection services)
    {
        services.AddEventType(WebhookEvents.ContactCreated, "A contact was created (POST /v1/contacts or the dashboard). `data` is the contact.", Sample);
        services.AddEventType(WebhookEvents.ContactUpdated,
            "A contact changed (PATCH /v1/contacts/{id}, a tag added or removed). `data` is the contact after the change.", Sample);
    }
}
