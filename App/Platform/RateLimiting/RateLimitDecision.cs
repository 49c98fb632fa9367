namespace Boltly.Platform.RateLimiting;

/// <summary>The outcome of counting one request against a fixed window.</summary>
/// <param name="ResetSeconds">Whole seconds until the window resets (at least 1).</param>
/// <param name="Shared">False when counted per instance because Redis was unreachable.</param>
/// <param name="Policy">The policy's name (<see cref="RateLimitPolicy"/>), as the headers show it.</param>
public sealed record RateLimitDecision(string Policy, bool Allowed, int Limit, int Remaining, int ResetSeconds, int WindowSeconds, bool Shared);
