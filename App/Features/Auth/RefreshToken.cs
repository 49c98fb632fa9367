using Boltly.Platform.Data;
namespace Boltly.Features.Auth;

/// <summary>
/// One refresh token of a family (every token descended from one sign-in). Only its SHA-256 hash is
/// stored. Single use: <see cref="UsedAt"/> retires it; presenting a retired token revokes the family.
/// </summary>
public sealed class RefreshToken
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid UserId { get; init; }
    public Guid FamilyId { get; init; }
    public required string TokenHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>The family's absolute expiry: rotation never extends it.</summary>
    public DateTimeOffset ExpiresAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
}
