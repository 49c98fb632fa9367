namespace Boltly.Features.Webhooks;

/// <summary>The events a webhook subscription may ask for.</summary>
public static class WebhookEvents
{
    public static readonly IReadOnlyList<string> All =
    [
        "message.received",
        "message.status_updated",
        "conversation.updated",
        "contact.created",
        "contact.updated",
        "broadcast.completed",
    ];
}
