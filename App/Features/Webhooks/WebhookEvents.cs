namespace Boltly.Features.Webhooks;

/// <summary>The events a webhook subscription may ask for (docs/webhooks.md). Features emit them through
/// <see cref="Boltly.Platform.Events.IEventOutbox"/> with these names.</summary>
public static class WebhookEvents
{
    public const string MessageReceived = "message.received";
    public const string MessageStatusUpdated = "message.status_updated";
    public const string ConversationUpdated = "conversation.updated";
    public const string ContactCreated = "contact.created";
    public const string ContactUpdated = "contact.updated";
    public const string BroadcastCompleted = "broadcast.completed";
    public const string ApiKeyCreated = "api_key.created";
    public const string ApiKeyRevoked = "api_key.revoked";
    public const string ApiKeyRolled = "api_key.rolled";
    public const string ApiKeyExpiring = "api_key.expiring";
    public const string ApiKeyExpired = "api_key.expired";
    public const string ApiKeyLeaked = "api_key.leaked";
    public const string ApiKeyIdleRevoking = "api_key.idle_revoking";
    public const string ApiKeyIdleRevoked = "api_key.idle_revoked";

    /// <summary>The test event: sent to one subscription on request, whatever events it asked for.</summary>
    public const string Ping = "ping";

    /// <summary>Every event a subscription can ask for; absent <c>events</c> at creation means all of these.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        MessageReceived, MessageStatusUpdated, ConversationUpdated, ContactCreated, ContactUpdated, BroadcastCompleted,
        ApiKeyCreated, ApiKeyRevoked, ApiKeyRolled, ApiKeyExpiring, ApiKeyExpired, ApiKeyLeaked,
        ApiKeyIdleRevoking, ApiKeyIdleRevoked,
    ];
}
