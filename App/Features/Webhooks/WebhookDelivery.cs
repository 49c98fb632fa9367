using Boltly.Platform.Data;

namespace Boltly.Features.Webhooks;

/// <summary>
/// One event on its way to one subscription: pending until a 2xx (delivered) or until retries end (failed).
/// A worker claims it by setting <see cref="ClaimedUntil"/> and <see cref="ClaimToken"/>; a claim that outlives
/// its lease (the instance died) lets another worker take it (docs/decisions/0025-one-outbox.md).
/// </summary>
public sealed class WebhookDelivery : IAccountOwned
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid EventId { get; init; }
    public Guid SubscriptionId { get; init; }
    public Guid AccountId { get; set; }
    public string State { get; set; } = WebhookDeliveryState.Pending;
    /// <summary>Attempts recorded (each has its <see cref="WebhookDeliveryAttempt"/>).</summary>
    public int AttemptCount { get; set; }
    /// <summary>Claims so far, finished or not: the outbox's count (a claim that never finishes tells a poison delivery).</summary>
    public int Claims { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    /// <summary>When automatic retries end: the event's time plus the give-up period.</summary>
    public DateTimeOffset RetryUntil { get; set; }
    /// <summary>A retry asked for by a person, or a test event: one attempt, and its failure never disables the subscription.</summary>
    public bool Manual { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    public Guid? ClaimToken { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
}
