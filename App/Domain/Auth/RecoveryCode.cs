namespace Boltly.Domain.Auth;

/// <summary>A 2FA recovery code, stored hashed, usable once.</summary>
public sealed class RecoveryCode
{
    public Guid Id { get; init; } = Guid.CreateVersion7();
    public Guid UserId { get; init; }
    public required string CodeHash { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UsedAt { get; set; }
}
