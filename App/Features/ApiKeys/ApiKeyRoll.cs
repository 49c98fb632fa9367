namespace Boltly.Features.ApiKeys;

/// <summary>What a roll asks for: the old key's grace in seconds (null: the default) and the new key's expiry (null: the old one's).</summary>
public sealed record ApiKeyRoll(int? GraceSeconds, DateTimeOffset? ExpiresAt);
