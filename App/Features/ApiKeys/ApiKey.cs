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

    /// <summary>Set when the key was rolled: it keeps working until this instant (never past its own expiry), then is
    /// retired like a revoked key. A key with a grace end is <c>rolling</c> until then (<see cref="ApiKeyActivity"/>).</summary>
    public DateTimeOffset? GraceEndsAt { get; set; }

    /// <summary>The key that replaced this one in a roll; such a key no longer counts towards the key limit (its successor does).</summary>
    public Guid? ReplacedById { get; set; }

    /// <summary>The addresses and CIDR ranges the key may be used from, in canonical form (<see cref="ApiKeyAllowlist"/>);
    /// empty: any address.</summary>
    public string[] AllowedIps { get; set; } = [];
}
