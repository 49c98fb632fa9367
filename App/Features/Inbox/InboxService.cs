using Boltly.Features.Contacts;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Features.Webhooks;
using Boltly.Platform.Errors;
using Boltly.Platform.Events;
using Boltly.Platform.Pagination;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.Inbox;

/// <summary>
/// Conversations and their messages. Outbound messages are recorded <c>queued</c>: handing them to
/// carriers is outside the product.
/// </summary>
public sealed class InboxService(IDbContextFactory<AppDbContext> contexts, Paginator paginator, IEventOutbox events, TimeProvider clock)
{
    public const int MaxBodyLength = 4096;

    /// <summary>The contact's conversation, created on first use; null when the contact does not exist in the account.</summary>
    public async Task<(Conversation Conversation, bool Created)?> StartAsync(Caller caller, Guid? contactId, CancellationToken ct = default)
    {
        if (contactId is not { } id || id == Guid.Empty) throw new DomainValidationException("contact_id", "contact_id is required.");
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        if (!await db.Contacts.AnyAsync(c => c.Id == id, ct)) return null;
        if (await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.ContactId == id, ct) is { } existing) return (existing, false);
        var now = clock.GetUtcNow();
        var conversation = new Conversation { ContactId = id, CreatedAt = now, UpdatedAt = now };
        db.Conversations.Add(conversation);
        try
        {
            await db.SaveChangesAsync(ct);
            return (conversation, true);
        }
        catch (DbUpdateException ex) when (UniqueViolation.Is(ex, ConversationConfiguration.ContactIndex))
        {
            // A concurrent start won: answer with its conversation.
            await using var fresh = await contexts.CreateForAccountAsync(caller.AccountId, ct);
            return (await fresh.Conversations.AsNoTracking().FirstAsync(c => c.ContactId == id, ct), false);
        }
    }

    public async Task<Conversation?> GetAsync(Caller caller, Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        return await db.Conversations.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    public async Task<Page<Conversation>> ListAsync(Caller caller, string? status, Guid? contactId, PageRequest page, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        errors.OneOf("status", status, ConversationStatus.All);
        errors.ThrowIfAny();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var query = db.Conversations.AsNoTracking();
        if (status is not null) query = query.Where(c => c.Status == status);
        if (contactId is not null) query = query.Where(c => c.ContactId == contactId);
        return await paginator.PageAsync(query, caller, PageLists.Name("conversations", status, contactId?.ToString()), page, c => c, ct);
    }

    /// <summary>Opens or closes a conversation, and/or marks its inbound messages read. Null when no such conversation.</summary>
    public async Task<Conversation?> UpdateAsync(Caller caller, Guid id, string? status, bool? markRead, CancellationToken ct = default)
    {
        if (status is null && markRead is null)
            throw new DomainValidationException("status", "Send status (open or closed) and/or mark_read.");
        var errors = new ValidationErrors();
        errors.OneOf("status", status, ConversationStatus.All);
        errors.ThrowIfAny();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (conversation is null) return null;
        if (status is not null) conversation.Status = status;
        if (markRead == true) conversation.UnreadCount = 0;
        conversation.UpdatedAt = clock.GetUtcNow();
        events.Emit(db, caller.AccountId, WebhookEvents.ConversationUpdated, ConversationResponse.From(conversation));
        await db.SaveChangesAsync(ct);
        return conversation;
    }

    /// <summary>Records an outbound message, status queued. Null when no such conversation.</summary>
    public async Task<Message?> SendAsync(Caller caller, Guid conversationId, string? body, CancellationToken ct = default)
    {
        var text = body ?? "";
        if (string.IsNullOrWhiteSpace(text)) throw new DomainValidationException("body", "The message body is required.");
        if (text.Length > MaxBodyLength) throw new DomainValidationException("body", $"The message body can be at most {MaxBodyLength} characters.");
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null) return null;
        var now = clock.GetUtcNow();
        var message = new Message
        {
            ConversationId = conversation.Id, ContactId = conversation.ContactId, Direction = MessageDirection.Outbound,
            Body = text, Status = MessageStatus.Queued, CreatedAt = now, UpdatedAt = now,
        };
        db.Messages.Add(message);
        conversation.LastMessageAt = now;
        conversation.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return message;
    }

    /// <summary>A conversation's messages, newest first; null when no such conversation.</summary>
    public async Task<Page<Message>?> ListMessagesAsync(Caller caller, Guid conversationId, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        if (!await db.Conversations.AnyAsync(c => c.Id == conversationId, ct)) return null;
        var query = db.Messages.AsNoTracking().Where(m => m.ConversationId == conversationId);
        return await paginator.PageAsync(query, caller, PageLists.Name("conversation_messages", conversationId.ToString()), page, m => m, ct);
    }

    /// <summary>Messages across every conversation of the account, newest first.</summary>
    public async Task<Page<Message>> ListAllMessagesAsync(Caller caller, string? direction, string? status, PageRequest page, CancellationToken ct = default)
    {
        var errors = new ValidationErrors();
        errors.OneOf("direction", direction, MessageDirection.All);
        errors.OneOf("status", status, MessageStatus.All);
        errors.ThrowIfAny();
        await using var db = await contexts.CreateForAccountAsync(caller.AccountId, ct);
        var query = db.Messages.AsNoTracking();
        if (direction is not null) query = query.Where(m => m.Direction == direction);
        if (status is not null) query = query.Where(m => m.Status == status);
        return await paginator.PageAsync(query, caller, PageLists.Name("messages", direction, status), page, m => m, ct);
    }
}
