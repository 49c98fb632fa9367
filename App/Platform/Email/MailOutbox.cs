using Boltly.Platform.Data;

namespace Boltly.Platform.Email;

/// <summary>
/// The outbox (docs/email.md, ADR 0017): renders the mail now and adds its <c>mail_messages</c> row to the
/// caller's context, so it commits or rolls back with the caller's change; the outbox (<see cref="MailOutboxHandler"/>)
/// sends it afterwards. Nothing here touches the network, so a mail server that is down never fails the caller.
/// </summary>
internal sealed class MailOutbox(MailTemplates templates, TimeProvider clock) : IMailOutbox
{
    public void Enqueue(AppDbContext db, OutgoingMail mail)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mail.To);
        var rendered = templates.Render(mail.Template, mail.Values);
        var now = clock.GetUtcNow();
        db.QueuedMails.Add(new QueuedMail
        {
            ToAddress = mail.To.Trim(), Template = mail.Template.ToString(),
            Subject = rendered.Subject, TextBody = rendered.Text, HtmlBody = rendered.Html,
            CreatedAt = now, NextAttemptAt = now,
        });
    }
}
