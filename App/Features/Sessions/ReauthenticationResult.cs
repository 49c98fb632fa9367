namespace Boltly.Features.Sessions;

/// <summary>A re-authentication's outcome, and the seconds to wait when throttled.</summary>
public sealed record ReauthenticationResult(ReauthenticationOutcome Outcome, int RetryAfterSeconds = 0);
