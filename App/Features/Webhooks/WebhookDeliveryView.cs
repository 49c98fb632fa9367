namespace Boltly.Features.Webhooks;

/// <summary>A delivery as the dashboard and the API show it: the row, its event's type and its attempts.</summary>
public sealed record WebhookDeliveryView(WebhookDelivery Delivery, string EventType, IReadOnlyList<WebhookDeliveryAttempt> Attempts)
{
    public WebhookDeliveryResponse ToResponse() => new(Delivery.Id, WebhookEvent.PublicId(Delivery.EventId), EventType, Delivery.State,
        Delivery.AttemptCount, Delivery.CreatedAt, Delivery.NextAttemptAt, Delivery.DeliveredAt,
        Attempts.Select(a => new WebhookAttemptResponse(a.AttemptedAt, a.StatusCode, a.Error, a.DurationMs, a.ResponseBody)).ToList());
}
