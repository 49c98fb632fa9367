using System.Security.Claims;

namespace Boltly.Platform.Auth;

/// <summary>
/// A check an access token must pass on every request, beyond its signature and lifetime: the security
/// stamp (<c>SecurityStampTokenCheck</c>), and whatever else may end a token before its <c>exp</c>
/// (a session that was ended). It runs both when a token is first validated and on every later request
/// served from the validated-token cache, so a cached token is refused as soon as a check
/// refuses it (ADR 0022). A cached token's pass is reused while no cache eviction happened on the instance since it
/// ran, for at most <c>Jwt:CheckedTokenReuseMilliseconds</c> (ADR 0033): a check whose answer changes is one whose
/// entry is evicted through the invalidation bus when it changes. Register an implementation with <c>AddSingleton&lt;IAccessTokenCheck, …&gt;()</c>;
/// it runs on the hot path, so it answers from memory (a cache hit), not from the database.
/// </summary>
public interface IAccessTokenCheck
{
    /// <summary>Why the token must be refused now, or null when it may pass.</summary>
    /// <param name="token">The token's claims (its user in <c>sub</c>, its stamp digest, its other claims).</param>
    /// <param name="userId">The token's user (<c>sub</c>), already parsed.</param>
    /// <param name="context">The request presenting the token.</param>
    ValueTask<string?> RefusalAsync(ClaimsPrincipal token, Guid userId, HttpContext context);
}
