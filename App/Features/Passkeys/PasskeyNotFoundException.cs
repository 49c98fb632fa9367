namespace Boltly.Features.Passkeys;

/// <summary>No such passkey among the caller's own (404 NOT_FOUND): another user's passkey is not found either.</summary>
public sealed class PasskeyNotFoundException() : Exception("No such passkey.");
