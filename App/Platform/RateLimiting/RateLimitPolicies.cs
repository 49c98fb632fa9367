using Microsoft.Extensions.Options;

namespace Boltly.Platform.RateLimiting;

/// <summary>
/// Every rate limit of the product, in one place: its name (as the <c>RateLimit-Policy</c> header shows it),
/// what it counts per, its limit and its window, all from <see cref="RateLimitOptions"/>. Callers say what
/// they count (a key, a user, a client address); the bucket names are made here and nowhere else.
/// See docs/rate-limits.md.
/// </summary>
public sealed class RateLimitPolicies(WindowRateLimiter limiter, IOptions<RateLimitOptions> options)
{
    /// <summary>An API key's own budget: 120 a minute by default, shared by every instance.</summary>
    public ValueTask<RateLimitDecision> HitApiKeyAsync(Guid keyId) =>
        limiter.HitAsync(RateLimitPolicy.ApiKey, "key:" + keyId, options.Value.ApiKeyPerWindow, options.Value.WindowSeconds);

    /// <summary>A user's budget on <c>/v1</c> with a session (JWT or the dashboard cookie).</summary>
    public ValueTask<RateLimitDecision> HitSessionAsync(Guid userId) =>
        limiter.HitAsync(RateLimitPolicy.Session, "user:" + userId, options.Value.SessionPerWindow, options.Value.WindowSeconds);

    /// <summary>Requests with an invalid API key, per client address; never charged to a real key.</summary>
    public ValueTask<RateLimitDecision> HitInvalidKeyAsync(string? clientAddress) =>
        limiter.HitAsync(RateLimitPolicy.InvalidKey, "badkey:" + (clientAddress ?? "unknown"), options.Value.InvalidKeyPerWindow, options.Value.WindowSeconds);

    /// <summary>Sign-in attempts per client address: the password step and the second step share it, so
    /// alternating between them buys no extra guesses.</summary>
    public ValueTask<RateLimitDecision> HitSignInAsync(string? clientAddress) =>
        limiter.HitAsync(RateLimitPolicy.SignIn, "signin:" + (clientAddress ?? "unknown"), options.Value.SignInPerWindow, options.Value.WindowSeconds);
}
