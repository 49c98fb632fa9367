namespace Boltly.Features.Auth;

/// <summary>
/// What follows every change of a user's security stamp (password change, 2FA on/off, new recovery
/// codes): every refresh token is revoked and every instance forgets the old stamp, so access tokens
/// issued before the change are refused. Dashboard cookies and circuits notice the new stamp on their
/// next revalidation; the caller re-issues the current cookie.
/// </summary>
public sealed class SecurityStampChange(RefreshTokenService refreshTokens, UserStampCache stamps, ILogger<SecurityStampChange> logger)
{
    public async Task EndOtherSessionsAsync(Guid userId, string reason, CancellationToken ct = default)
    {
        await refreshTokens.RevokeAllForUserAsync(userId, ct);
        await stamps.InvalidateAsync(userId, ct);
        logger.LogInformation("Sessions of user {UserId} ended after {Reason}", userId, reason);
    }
}
