namespace Boltly.Platform.Email;

/// <summary>A queued mail's state: pending until sent, failed when given up (docs/email.md).</summary>
public static class MailStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}
