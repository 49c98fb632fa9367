namespace Boltly.Features.Passkeys;

/// <summary>The outcome of a passkey sign-in; <see cref="RetryAfterSeconds"/> when throttled.</summary>
public sealed record PasskeySignInResult(PasskeySignInOutcome Outcome, int RetryAfterSeconds = 0);
