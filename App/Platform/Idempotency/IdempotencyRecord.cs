using Boltly.Platform.Data;
namespace Boltly.Platform.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c> of one API key or user: claimed (in progress) before the request runs,
/// then completed with the response to replay. Unique on (owner, key).
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public required string Owner { get; init; }
    public required string Key { get; init; }
    public required string RequestHash { get; set; }
    public bool Completed { get; set; }
    public int? ResponseStatus { get; set; }
    public string? ResponseContentType { get; set; }
    public string? ResponseLocation { get; set; }
    public byte[]? ResponseBody { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}
