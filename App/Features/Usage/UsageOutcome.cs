namespace Boltly.Features.Usage;

/// <summary>What became of a request made with a key; each is counted per key per minute (docs/usage.md).
/// The values index the counters and the Redis fields: append, never reorder.</summary>
public enum UsageOutcome
{
    /// <summary>2xx or 3xx.</summary>
    Success = 0,
    /// <summary>A 4xx not named below.</summary>
    ClientError = 1,
    /// <summary>5xx.</summary>
    ServerError = 2,
    /// <summary>429: the key's budget for the window was spent.</summary>
    RateLimited = 3,
    /// <summary>403 INSUFFICIENT_SCOPE.</summary>
    InsufficientScope = 4,
    /// <summary>403 IP_NOT_ALLOWED (the key's allowlist).</summary>
    IpNotAllowed = 5,
    /// <summary>A revoked key, refused as unknown.</summary>
    Revoked = 6,
    /// <summary>An expired key, refused as unknown.</summary>
    Expired = 7,
}
