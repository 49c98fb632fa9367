using StackExchange.Redis;

namespace Boltly.Platform.Errors;

/// <summary>
/// Tells Redis unreachable or too slow to answer (answer 503, try again) from a bug (answer 500). Paths that can do
/// without Redis (the key cache, the rate limits: docs/several-instances.md) never let these out; what cannot (a passkey
/// ceremony's single-use challenge) answers 503 through <see cref="ApiErrorMiddleware"/>.
/// </summary>
public static class RedisFailure
{
    public static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is RedisConnectionException or RedisTimeoutException) return true;
        }
        return false;
    }
}
