namespace Boltly.Features.Passkeys;

/// <summary>The browser's WebAuthn response did not verify (400 VALIDATION_FAILED on <c>credential</c>).</summary>
public sealed class PasskeyVerificationException(string message) : Exception(message);
