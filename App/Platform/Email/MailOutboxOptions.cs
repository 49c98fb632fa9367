using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.Email;

/// <summary>How the mail outbox worker claims, retries and keeps mail (docs/email.md).</summary>
public sealed class MailOutboxOptions
{
    public const string Section = "Email:Outbox";

    /// <summary>How often each instance looks for due mail.</summary>
    [Range(50, 60_000)] public int PollIntervalMilliseconds { get; set; } = 2000;

    /// <summary>Mails one instance claims (and sends over one SMTP connection) at a time.</summary>
    [Range(1, 1000)] public int BatchSize { get; set; } = 20;

    /// <summary>A claim not finished after this long (the instance died) is taken by the next worker.</summary>
    [Range(10, 3600)] public int LeaseSeconds { get; set; } = 120;

    /// <summary>The first retry's delay; each next one doubles, up to <see cref="RetryMaxSeconds"/>.</summary>
    [Range(1, 3600)] public int RetryBaseSeconds { get; set; } = 30;

    [Range(1, 24 * 3600)] public int RetryMaxSeconds { get; set; } = 30 * 60;

    /// <summary>A mail still unsent this long after it was queued is given up (status failed).</summary>
    [Range(1, 24 * 30)] public int GiveUpAfterHours { get; set; } = 72;

    /// <summary>Sent and given-up mails are deleted this long after (the purge job, docs/scheduled-work.md).</summary>
    [Range(1, 365)] public int RetentionDays { get; set; } = 30;

    /// <summary>Off: this instance sends nothing (mail stays queued for the others).</summary>
    public bool WorkerEnabled { get; set; } = true;
}
