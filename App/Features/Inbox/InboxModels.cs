using System.ComponentModel.DataAnnotations;
namespace Boltly.Features.Inbox;

public sealed record ConversationResponse(Guid Id, Guid ContactId, string Status, DateTimeOffset? LastMessageAt, int UnreadCount,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static ConversationResponse From(Conversation c) => new(c.Id, c.ContactId, c.Status, c.LastMessageAt, c.UnreadCount, c.CreatedAt, c.UpdatedAt);
}

/// <summary>A message. Outbound messages are recorded with status <c>queued</c>: delivery to carriers is outside Boltly Portal.</summary>
public sealed record MessageResponse(Guid Id, Guid ConversationId, Guid ContactId, Guid? BroadcastId, string Direction, string Body,
    string Status, DateTimeOffset CreatedAt)
{
    public static MessageResponse From(Message m) => new(m.Id, m.ConversationId, m.ContactId, m.BroadcastId, m.Direction, m.Body, m.Status, m.CreatedAt);
}

public sealed record StartConversationRequest([Required] Guid? ContactId);

/// <param name="Status">open or closed.</param>
/// <param name="MarkRead">true resets unread_count to 0.</param>
public sealed record UpdateConversationRequest(string? Status, bool? MarkRead);

/// <param name="Body">1 to 4096 characters.</param>
public sealed record SendMessageRequest([Required, MaxLength(4096)] string? Body);
