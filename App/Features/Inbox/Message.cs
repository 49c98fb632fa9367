using Boltly.Platform.Data;
namespace Boltly.Features.Inbox;

/// <summary>
/// One message of a conversation. Outbound messages are recorded <c>queued</c>: delivery to carriers
/// is outside the product, which later moves them to sent, delivered or failed.
/// </summary>
public sealed class Message : IAccountOwned
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid AccountId { get; set; }
    public Guid ConversationId { get; init; }
    public Guid ContactId { get; init; }
    /// <summary>Set when the message was created by sending a broadcast.</summary>
    public Guid? BroadcastId { get; init; }
    public required string Direction { get; init; }
    public required string Body { get; init; }
    public string Status { get; set; } = MessageStatus.Queued;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
