using Boltly.Platform.Data;

namespace Boltly.Platform.Email;

/// <summary>
/// One mail in the outbox (<c>mail_messages</c>), rendered when it was queued: what is sent is what the row
/// says, whatever the templates become later. Written in the transaction of the change that causes it.
/// </summary>
public sealed class QueuedMail
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public required string ToAddress { get; init; }
    public required string Template { get; init; }
    public required string Subject { get; init; }
    public required string TextBody { get; init; }
    public required string HtmlBody { get; init; }
    public string Status { get; set; } = MailStatus.Pending;
    /// <summary>Claims so far; each failed one pushes <see cref="NextAttemptAt"/> further out.</summary>
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>Set by a claim: until then the mail is its claimer's; after it, anyone's (the claimer died).</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>The current claim's token: only that claimer may record the outcome.</summary>
    public Guid? ClaimToken { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
}
