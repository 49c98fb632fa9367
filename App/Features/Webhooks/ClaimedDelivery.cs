namespace Boltly.Features.Webhooks;

/// <summary>A delivery this instance holds the claim on, with what it needs to send it.</summary>
public sealed record ClaimedDelivery(Guid Id, Guid AccountId, Guid EventId, string EventType, DateTimeOffset EventCreatedAt,
    string Data, Guid SubscriptionId, string Url, string ProtectedSecret, bool Manual);
