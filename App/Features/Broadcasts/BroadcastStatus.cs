namespace Boltly.Features.Broadcasts;

/// <summary>draft or scheduled until sent; <c>sent</c> once its messages are queued for delivery.</summary>
public static class BroadcastStatus
{
    public const string Draft = "draft";
    public const string Scheduled = "scheduled";
    public const string Sent = "sent";
}
