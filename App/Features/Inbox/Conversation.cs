using Boltly.Platform.Data;
namespace Boltly.Features.Inbox;

/// <summary>The one thread of messages between the account and a contact.</summary>
public sealed class Conversation : IAccountOwned
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid AccountId { get; set; }
    public Guid ContactId { get; init; }
    public string Status { get; set; } = ConversationStatus.Open;
    public DateTimeOffset? LastMessageAt { get; set; }
    /// <summary>Inbound messages not yet marked read.</summary>
    public int UnreadCount { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
