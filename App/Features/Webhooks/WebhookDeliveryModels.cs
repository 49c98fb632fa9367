namespace Boltly.Features.Webhooks;

/// <summary>One event's delivery to a subscription, with its attempts, newest first.</summary>
public sealed record WebhookDeliveryResponse(Guid Id, string EventId, string EventType, string State, int AttemptCount,
    DateTimeOffset CreatedAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, IReadOnlyList<WebhookAttemptResponse> Attempts);

/// <summary>One POST: its status code or error, how long it took, and the first 1 KiB of the response body.</summary>
public sealed record WebhookAttemptResponse(DateTimeOffset AttemptedAt, int? StatusCode, string? Error, int DurationMs, string? ResponseBody);

/// <summary>A change to a subscription: <c>enabled: true</c> re-enables a disabled one (or <c>false</c> pauses it).</summary>
public sealed record UpdateWebhookRequest(bool? Enabled);
