using Boltly.Platform.Data;

namespace Boltly.Platform.Events;

/// <summary>
/// Records a domain event in the caller's unit of work: the row is added to the caller's context and saved by
/// the caller's own <c>SaveChanges</c>, in the same transaction as the change that causes it, and delivered to
/// the account's webhook subscriptions afterwards (docs/webhooks.md, docs/decisions/0016-webhook-outbox.md).
/// </summary>
public interface IEventOutbox
{
    /// <summary>Adds the event to <paramref name="db"/>; nothing is written until the caller saves.
    /// <paramref name="data"/> is the resource's public API representation (never a secret).</summary>
    void Emit(AppDbContext db, Guid accountId, string type, object data);
}
