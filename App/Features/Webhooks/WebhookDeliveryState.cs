namespace Boltly.Features.Webhooks;

/// <summary>Where a delivery stands.</summary>
public static class WebhookDeliveryState
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
