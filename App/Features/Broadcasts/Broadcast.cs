using Boltly.Platform.Data;
namespace Boltly.Features.Broadcasts;

/// <summary>A template sent to every contact carrying one of the audience tags.</summary>
public sealed class Broadcast : IAccountOwned
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid AccountId { get; set; }
    public required string Name { get; init; }
    public Guid TemplateId { get; init; }
    public string[] AudienceTags { get; init; } = [];
    public string[] Variables { get; init; } = [];
    public string Status { get; set; } = BroadcastStatus.Draft;
    public DateTimeOffset? ScheduledAt { get; init; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>How many contacts matched the audience when the broadcast was sent.</summary>
    public int RecipientCount { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
}
