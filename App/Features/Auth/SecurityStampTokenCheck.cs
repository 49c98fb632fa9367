using System.Security.Claims;
using Boltly.Platform.Auth;

namespace Boltly.Features.Auth;

/// <summary>A token issued before the user's last password or 2FA change carries an old stamp digest and is
/// refused (docs/auth.md); the current digest is a memory hit in <see cref="UserStampCache"/>.</summary>
public sealed class SecurityStampTokenCheck(UserStampCache stamps) : IAccessTokenCheck
{
    public async ValueTask<string?> RefusalAsync(ClaimsPrincipal token, Guid userId, HttpContext context)
    {
        var current = await stamps.GetDigestAsync(userId, context.RequestAborted);
        return current.Length == 0 || current != token.FindFirstValue(BoltlyClaims.StampDigest)
            ? "credentials changed since the token was issued"
            : null;
    }
}
