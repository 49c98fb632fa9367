namespace Boltly.Platform.RateLimiting;

/// <summary>Set when a client address sent too many invalid keys: the refusal becomes a 429.</summary>
public sealed record InvalidKeyThrottled(RateLimitDecision Decision);
