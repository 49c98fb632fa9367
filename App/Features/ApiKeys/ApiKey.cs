namespace Boltly.Features.ApiKeys;

/// <summary>
/// An account's API key. The secret is never stored: only its SHA-256 hash, and the display
/// prefix (<c>sk_live_</c> + the first 8 random characters). Whether it is active: <see cref="ApiKeyActivity"/>.
/// </summary>
public sealed class ApiKey : Boltly.Platform.Data.IAccountOwned
{
    public Guid Id { get; init; } = Boltly.Platform.Data.MonotonicUuidV7.NewId();
    public Guid AccountId { get; set; }
    public required string Name { get; set; }
    public required string Prefix { get; init; }
    /// <summary>Lowercase hex SHA-256 of the full key.</summary>
    public required string KeyHash { get; init; }
    public required string[] Scopes { get; init; }
    public Guid CreatedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public string? LastUsedAddress { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
