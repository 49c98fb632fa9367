namespace Boltly.Features.Auth;

public sealed record MfaChallenge(Guid UserId, string StampDigest, Guid Nonce, DateTimeOffset ExpiresAt);
