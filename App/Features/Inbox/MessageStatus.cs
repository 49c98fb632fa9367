namespace Boltly.Features.Inbox;

public static class MessageStatus
{
    public const string Queued = "queued";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Received = "received";
    public static readonly IReadOnlyList<string> All = [Queued, Sent, Delivered, Failed, Received];
}
