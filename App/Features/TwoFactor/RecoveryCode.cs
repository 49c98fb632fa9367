using Boltly.Platform.Data;
namespace Boltly.Features.TwoFactor;

/// <summary>A 2FA recovery code, stored hashed, usable once.</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid UserId { get; init; }
    public required string CodeHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}
