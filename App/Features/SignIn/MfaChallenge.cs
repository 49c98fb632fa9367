namespace Boltly.Features.SignIn;

public sealed record MfaChallenge(Guid UserId, string StampDigest, Guid Nonce, DateTimeOffset ExpiresAt);
