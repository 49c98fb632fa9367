using Boltly.Features.Webhooks;
using Boltly.Platform.Events;

namespace Boltly.Features.Inbox;

/// <summary>The webhook events about conversations and messages, with their data type and a sample (docs/webhooks.md).</summary>
internal static class InboxEventTypes
{
    private static readonly Guid ConversationId = Guid.Parse("019ae5c1-0c11-7a2b-9d3e-4f5a6b7c8d02");
    private static readonly Guid ContactId = Guid.Parse("019ae5c1-0b7e-7f3a-8c21-5d4e3f2a1b01");

    public static void Register(IServiceCollection services)
    {
        var t = EventTypeCatalog.SampleTime;
        services.AddEventType(WebhookEvents.ConversationUpdated,
            "A conversation changed (PATCH /v1/conversations/{id}: closed, reopened, marked read). `data` is the conversation.",
            new ConversationResponse(ConversationId, ContactId, ConversationStatus.Closed, t, 0, t.AddDays(-2), t));
        services.AddEventType(WebhookEvents.MessageStatusUpdated,
            "A message's status changed through the API (a broadcast retry moves failed messages back to `queued`). `data` is the message.",
            new MessageResponse(Guid.Parse("019ae5c1-0d22-7b3c-8e4f-5a6b7c8d9e03"), ConversationId, ContactId,
                Guid.Parse("019ae5c1-0e33-7c4d-9f5a-6b7c8d9e0f04"), MessageDirection.Outbound, "Your order has shipped.", MessageStatus.Queued, t));
        services.AddEventType(WebhookEvents.MessageReceived,
            "A message arrived from a contact. Accepted in subscriptions; sent once inbound messaging lands. `data` is the message.",
            new MessageResponse(Guid.Parse("019ae5c1-0f44-7d5e-8a6b-7c8d9e0f1a05"), ConversationId, ContactId, null, MessageDirection.Inbound,
                "Thanks, got it!", MessageStatus.Received, t));
    }
}
