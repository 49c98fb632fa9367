using Boltly.Features.Sessions;
using Boltly.Platform.Auth;

namespace Boltly.Features.Auth;

/// <summary>
/// What follows every change of a user's security stamp (password change, 2FA on/off, new recovery
/// codes): every refresh token is revoked and every instance forgets the old stamp, so access tokens
/// issued before the change are refused; every other session of the user ends at once on every instance
/// (docs/sessions.md). The calling dashboard session is kept, and the caller re-issues its cookie; an app session
/// making the change ends too, as its tokens no longer work.
/// </summary>
public sealed class SecurityStampChange(RefreshTokenService refreshTokens, UserStampCache stamps, SessionService sessions,
    IHttpContextAccessor http, ILogger<SecurityStampChange> logger)
{
    public async Task EndOtherSessionsAsync(Guid userId, string reason, CancellationToken ct = default,
        string endReason = SessionEndReasons.CredentialsChange)
    {
        await refreshTokens.RevokeAllForUserAsync(userId, ct);
        await stamps.InvalidateAsync(userId, ct);
        var current = http.HttpContext?.User is { } user && Caller.From(user) is { Kind: CredentialKind.Cookie } caller && caller.UserId == userId
            ? SessionClaims.SessionId(user) : null;
        await sessions.EndOthersAsync(userId, current, endReason, CancellationToken.None);
        logger.LogInformation("Sessions of user {UserId} ended after {Reason}", userId, reason);
    }
}
