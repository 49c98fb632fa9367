namespace Boltly.Features.ApiKeys.Notices;

/// <summary>A notice waiting for (or listed in) one person's daily digest (<c>api_key_notice_recipients</c>).</summary>
public sealed class ApiKeyNoticeRecipient
{
    public Guid Id { get; init; } = Boltly.Platform.Data.MonotonicUuidV7.NewId();
    public Guid NoticeId { get; init; }
    public Guid UserId { get; init; }
    /// <summary>The digest that listed it; null while it waits.</summary>
    public Guid? DigestId { get; set; }
}
