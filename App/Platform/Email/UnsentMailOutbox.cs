using Boltly.Platform.Data;

namespace Boltly.Platform.Email;

/// <summary>Placeholder until mail delivery lands: records that a mail would be sent. Replaced by the SMTP outbox.</summary>
internal sealed partial class UnsentMailOutbox(ILogger<UnsentMailOutbox> logger) : IMailOutbox
{
    public void Enqueue(AppDbContext db, OutgoingMail mail) => LogUnsent(logger, mail.Template);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Mail {Template} not sent: no mail delivery is configured")]
    private static partial void LogUnsent(ILogger logger, MailTemplate template);
}
