using Boltly.Platform.Data;

namespace Boltly.Features.Members;

/// <summary>An invitation to join an account with a role (docs/members.md). The link's token is stored only as its
/// SHA-256 hash; it works once, for <see cref="MemberOptions.InvitationDays"/>.</summary>
public sealed class Invitation : IAccountOwned
{
    public Guid Id { get; init; } = MonotonicUuidV7.NewId();
    public Guid AccountId { get; set; }
    public required string Email { get; init; }
    /// <summary>Upper-case, as Identity normalizes emails: one pending invitation per address and account.</summary>
    public required string NormalizedEmail { get; init; }
    public required string Role { get; init; }
    public required string TokenHash { get; set; }
    public Guid InvitedByUserId { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
}
