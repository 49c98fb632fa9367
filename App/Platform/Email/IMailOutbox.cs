using Boltly.Platform.Data;

namespace Boltly.Platform.Email;

/// <summary>
/// Queues a mail in the caller's unit of work: the row is added to the caller's context and saved by the
/// caller's own <c>SaveChanges</c>, in the same transaction as the change that causes it, and sent by the
/// outbox worker afterwards (docs/email.md). A mail server that is down never fails the caller's action.
/// </summary>
public interface IMailOutbox
{
    /// <summary>Adds the mail to <paramref name="db"/>; nothing is written until the caller saves.</summary>
    void Enqueue(AppDbContext db, OutgoingMail mail);
}
