using Boltly.Features.Contacts;
using Boltly.Features.Inbox;
using Boltly.Features.Templates;
using Boltly.Features.Webhooks;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Events;
using Boltly.Platform.Pagination;
using Boltly.Platform.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Broadcasts;

/// <summary>
/// Broadcasts: a submitted template to every contact with one of the audience tags. Sending records
/// one queued outbound message per recipient in the recipient's conversation; carriers are outside the product.
/// </summary>
public sealed class BroadcastService(IDbContextFactory<AppDbContext> contexts, Paginator paginator, IOptions<BroadcastOptions> options,
    IEventOutbox events, TimeProvider clock)
{
    public const int NameLength = 128;
    public const int MaxVariableLength = 1024;

    public async Task<Broadcast> CreateAsync(Caller caller, NewBroadcast request, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        var now = clock.GetUtcNow();
        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "The name is required.");
        else if (name.Length > NameLength) errors.Add("name", $"The name can be at most {NameLength} characters.");
        else if (TextRules.NameProblem(name) is { } problem) errors.Add("name", problem);
        var tags = ContactRules.Tags(request.AudienceTags, errors, "audience_tags");
        if (request.AudienceTags is not { Count: > 0 })
            errors.Add("audience_tags", "Name at least one contact tag: the broadcast goes to contacts with any of them.");
        var variables = (request.Variables ?? []).Select(v => v ?? "").ToArray();
        if (variables.Any(v => v.Length > MaxVariableLength)) errors.Add("variables", $"A variable can be at most {MaxVariableLength} characters.");
        if (request.ScheduledAt is { } at && at <= now) errors.Add("scheduled_at", "The scheduled time must be in the future.");

        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        Template? template = null;
        if (request.TemplateId is not { } templateId) errors.Add("template_id", "template_id is required.");
        else if ((template = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Id == templateId, ct)) is null)
            errors.Add("template_id", "No such template in this account.");
        else if (template.Status == TemplateStatus.Draft) errors.Add("template_id", "The template is a draft: submit it first.");
        else if (template.Status == TemplateStatus.Rejected) errors.Add("template_id", "The template was rejected.");
        else if (variables.Length != template.PlaceholderCount)
            errors.Add("variables", $"The template has {template.PlaceholderCount} placeholder(s): give exactly that many variables.");
        else if (RenderedTooLong(db, TemplateRules.Render(template.Body, variables)) is { } tooLong)
            errors.Add("variables", tooLong);
        errors.ThrowIfAny();

        var broadcast = new Broadcast
        {
            Name = name, TemplateId = template!.Id, AudienceTags = tags, Variables = variables,
            Status = request.ScheduledAt is null ? BroadcastStatus.Draft : BroadcastStatus.Scheduled,
            ScheduledAt = request.ScheduledAt, CreatedAt = now,
        };
        db.Broadcasts.Add(broadcast);
        await db.SaveChangesAsync(ct);
        return broadcast;
    }

    public async Task<Broadcast?> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await db.Broadcasts.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
    }

    public async Task<Page<Broadcast>> ListAsync(Caller caller, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await paginator.PageAsync(db.Broadcasts.AsNoTracking(), caller, "broadcasts", page, b => b, ct);
    }

    /// <summary>
    /// Queues one message per recipient, once: a second send is refused. Recipients are written in batches
    /// of <see cref="BroadcastOptions.SendBatchSize"/>, one transaction each, in contact id order; a contact
    /// that already has this broadcast's message is skipped, so a send cut short (a crash, a lost connection)
    /// is finished by sending again, and no recipient gets two messages. The broadcast becomes <c>sent</c>
    /// with the last batch. Null when no such broadcast.
    /// </summary>
    public Task<BroadcastMetrics?> SendAsync(Caller caller, Guid id, CancellationToken ct = default) =>
        SendAsync(caller.AccountId, id, scheduledRun: false, ct);

    /// <summary>
    /// Sends a scheduled broadcast whose time has come (<see cref="ScheduledBroadcastsJob"/>), by the same path
    /// as <see cref="SendAsync(Caller, Guid, CancellationToken)"/>, so it is sent once: a broadcast already sent
    /// (by hand, or by a run that got there first) is left as it is.
    /// </summary>
    public Task<BroadcastMetrics?> SendScheduledAsync(Guid accountId, Guid id, CancellationToken ct = default) =>
        SendAsync(accountId, id, scheduledRun: true, ct);

    /// <summary>The scheduled broadcasts due at <paramref name="now"/>, of every account, oldest first.</summary>
    public async Task<IReadOnlyList<DueBroadcast>> DueAsync(DateTimeOffset now, int limit, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Broadcasts.IgnoreQueryFilters().AsNoTracking().TagWith(BackgroundWork.Tag)
            .Where(b => b.Status == BroadcastStatus.Scheduled && b.ScheduledAt <= now)
            .OrderBy(b => b.ScheduledAt).ThenBy(b => b.Id).Take(limit)
            .Select(b => new DueBroadcast(b.AccountId, b.Id)).ToListAsync(ct);
    }

    private async Task<BroadcastMetrics?> SendAsync(Guid accountId, Guid id, bool scheduledRun, CancellationToken ct)
    {
        await using var db = await contexts.CreateForAccountAsync(accountId, ct);
        var batchSize = options.Value.SendBatchSize;
        var after = Guid.Empty;
        for (var batch = 0; ; batch++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Row lock: concurrent sends of one broadcast take turns batch by batch, and see each other's rows.
            var broadcast = await db.Broadcasts.FromSql($"SELECT * FROM broadcasts WHERE id = {id} FOR UPDATE").FirstOrDefaultAsync(ct);
            if (broadcast is null) return null;
            if (broadcast.Status == BroadcastStatus.Sent)
            {
                if (batch == 0 && !scheduledRun) throw new InvalidStateException("This broadcast was already sent; use retry for failed recipients.");
                return await MetricsAsync(db, broadcast, ct);   // a concurrent send finished it
            }
            var template = await db.Templates.AsNoTracking().FirstAsync(t => t.Id == broadcast.TemplateId, ct);
            var body = TemplateRules.Render(template.Body, broadcast.Variables);
            // Checked at create too; here again, since the broadcast may predate the rule.
            if (RenderedTooLong(db, body) is { } tooLong) throw new DomainValidationException("variables", tooLong);
            var now = clock.GetUtcNow();
            var tags = broadcast.AudienceTags;
            var messages = db.Messages;
            var recipients = await db.Contacts.AsNoTracking()
                .Where(c => c.Id > after && c.Tags.Any(t => tags.Contains(t))
                    && !messages.Any(m => m.BroadcastId == id && m.ContactId == c.Id))
                .OrderBy(c => c.Id).Select(c => c.Id).Take(batchSize).ToListAsync(ct);
            if (recipients.Count > 0) await QueueAsync(db, broadcast, recipients, body, now, ct);
            if (recipients.Count < batchSize)
            {
                broadcast.Status = BroadcastStatus.Sent;
                broadcast.SentAt = now;
                broadcast.RecipientCount = await db.Messages.CountAsync(m => m.BroadcastId == id, ct);
                // In the transaction that marks the broadcast sent: the event exists exactly when the send finished.
                events.Emit(db, accountId, WebhookEvents.BroadcastCompleted, BroadcastResponse.From(broadcast));
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return await MetricsAsync(db, broadcast, ct);
            }
            await transaction.CommitAsync(ct);
            db.ChangeTracker.Clear();
            after = recipients[^1];
        }
    }

    /// <summary>One conversation per recipient (made in one statement) and one queued message each.</summary>
    private static async Task QueueAsync(AppDbContext db, Broadcast broadcast, List<Guid> recipients, string body, DateTimeOffset now,
        CancellationToken ct)
    {
        // A concurrent start of the same conversation is not an error. Raw SQL bypasses SaveChanges' account
        // guard, so the statement confines itself: the account comes from contact rows of this context's
        // account, and only that account's conversations are updated.
        var account = db.AccountScope!.Value;
        var contactIds = recipients.ToArray();
        var newIds = contactIds.Select(_ => MonotonicUuidV7.NewId()).ToArray();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO conversations (id, account_id, contact_id, status, last_message_at, unread_count, created_at, updated_at)
            SELECT r.id, c.account_id, c.id, {ConversationStatus.Open}, {now}, 0, {now}, {now}
            FROM unnest({contactIds}, {newIds}) AS r(contact_id, id)
            JOIN contacts c ON c.id = r.contact_id AND c.account_id = {account}
            ON CONFLICT (contact_id) DO UPDATE SET last_message_at = EXCLUDED.last_message_at, updated_at = EXCLUDED.updated_at
              WHERE conversations.account_id = EXCLUDED.account_id
            """, ct);
        var conversations = await db.Conversations.AsNoTracking().Where(c => recipients.Contains(c.ContactId))
            .ToDictionaryAsync(c => c.ContactId, c => c.Id, ct);
        foreach (var contactId in recipients)
        {
            db.Messages.Add(new Message
            {
                ConversationId = conversations[contactId], ContactId = contactId, BroadcastId = broadcast.Id,
                Direction = MessageDirection.Outbound, Body = body, Status = MessageStatus.Queued, CreatedAt = now, UpdatedAt = now,
            });
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Why <paramref name="body"/> cannot be a message (its column's length, from the entity
    /// configuration), or null when it fits.</summary>
    private static string? RenderedTooLong(AppDbContext db, string body)
    {
        var max = db.Model.FindEntityType(typeof(Message))?.FindProperty(nameof(Message.Body))?.GetMaxLength();
        return max is { } limit && body.Length > limit
            ? $"With these variables the message would be {body.Length} characters; a message holds at most {limit}."
            : null;
    }

    /// <summary>Moves the broadcast's failed messages back to queued. Null when no such broadcast.</summary>
    public async Task<BroadcastMetrics?> RetryAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var broadcast = await db.Broadcasts.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        if (broadcast is null) return null;
        if (broadcast.Status != BroadcastStatus.Sent) throw new InvalidStateException("Only a sent broadcast can be retried; send it first.");
        var now = clock.GetUtcNow();
        // Row by row rather than one UPDATE: each message whose status changes emits message.status_updated in the
        // same transaction (docs/webhooks.md). The row lock keeps two retries from emitting twice.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var failed = await db.Messages.FromSql($"SELECT * FROM messages WHERE broadcast_id = {id} AND status = {MessageStatus.Failed} FOR UPDATE")
            .ToListAsync(ct);
        foreach (var message in failed)
        {
            message.Status = MessageStatus.Queued;
            message.UpdatedAt = now;
            events.Emit(db, caller.AccountId, WebhookEvents.MessageStatusUpdated, MessageResponse.From(message));
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return await MetricsAsync(db, broadcast, ct);
    }

    public async Task<BroadcastMetrics?> MetricsAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var broadcast = await db.Broadcasts.AsNoTracking().FirstOrDefaultAsync(b => b.Id == id, ct);
        return broadcast is null ? null : await MetricsAsync(db, broadcast, ct);
    }

    private static async Task<BroadcastMetrics> MetricsAsync(AppDbContext db, Broadcast broadcast, CancellationToken ct)
    {
        var counts = await db.Messages.Where(m => m.BroadcastId == broadcast.Id).GroupBy(m => m.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Status, g => g.Count, ct);
        int Count(string status) => counts.GetValueOrDefault(status);
        return new BroadcastMetrics(broadcast.Id, broadcast.Status, broadcast.RecipientCount,
            Count(MessageStatus.Queued), Count(MessageStatus.Sent), Count(MessageStatus.Delivered), Count(MessageStatus.Failed));
    }
}
