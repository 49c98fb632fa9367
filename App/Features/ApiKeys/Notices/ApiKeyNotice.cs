namespace Boltly.Features.ApiKeys.Notices;

/// <summary>
/// One notice of one key (<c>api_key_notices</c>): its kind and the instant it is about (the expiry, or the idle
/// revocation's deadline). Unique per key, kind and instant: the row is the "sent once" of ADR 0034, inserted in the
/// transaction that also writes the webhook event and the digest items, so a second run or instance inserts nothing.
/// </summary>
public sealed class ApiKeyNotice
{
    public Guid Id { get; init; } = Boltly.Platform.Data.MonotonicUuidV7.NewId();
    public Guid AccountId { get; init; }
    public Guid ApiKeyId { get; init; }
    public required string Kind { get; init; }
    public DateTimeOffset Deadline { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
