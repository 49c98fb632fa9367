using Boltly.Platform.Auth;
using Microsoft.IdentityModel.Tokens;

namespace Boltly.Features.Auth;

/// <summary>An access token whose signature, issuer, audience and type were validated once, with the principal
/// built from it (shared by every request that presents it, so never changed after it is cached).</summary>
/// <param name="Token">The whole compact token, compared in full on every hit.</param>
/// <param name="SigningKey">The key it was validated with: a hit under another key is a miss (rotation).</param>
public sealed record CachedAccessToken(string Token, CallerPrincipal Principal, Guid UserId, DateTime NotBefore, DateTime Expires, SecurityKey SigningKey)
{
    private CheckMark? _checked;

    /// <summary>True while the per-request checks that last passed still hold: nothing was evicted on this instance
    /// since (the same <paramref name="epoch"/> of the invalidation bus) and they passed less than the reuse period ago.</summary>
    public bool ChecksHold(long epoch, long nowTicks) =>
        Volatile.Read(ref _checked) is { } mark && mark.Epoch == epoch && nowTicks < mark.UntilTicks;

    /// <summary>Notes that the checks passed at <paramref name="epoch"/> (read before they ran), reusable until <paramref name="untilTicks"/>.</summary>
    public void ChecksPassed(long epoch, long untilTicks) => Volatile.Write(ref _checked, new CheckMark(epoch, untilTicks));

    private sealed record CheckMark(long Epoch, long UntilTicks);
}
