namespace Boltly.Features.ApiKeys.Notices;

/// <summary>One person's digest of one UTC day (<c>api_key_notice_digests</c>), unique per person and day: the
/// "one mail per person per day" of API.md, inserted in the transaction that queues the mail.</summary>
public sealed class ApiKeyNoticeDigest
{
    public Guid Id { get; init; } = Boltly.Platform.Data.MonotonicUuidV7.NewId();
    public Guid UserId { get; init; }
    public DateOnly Day { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
