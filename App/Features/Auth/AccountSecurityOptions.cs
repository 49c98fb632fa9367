using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.Auth;

/// <summary>Lockout and session-revalidation settings for people signing in.</summary>
public sealed class AccountSecurityOptions
{
    public const string Section = "AccountSecurity";

    [Range(1, 100)] public int LockoutMaxFailures { get; set; } = 5;
    [Range(1, 1440)] public int LockoutMinutes { get; set; } = 15;
    /// <summary>How long an attempt waits for the same user's attempts ahead of it (they are checked one at a
    /// time, see SignInAttempts) before it is refused; the per-account rate limit keeps that queue short.</summary>
    [Range(1, 120)] public int AttemptQueueSeconds { get; set; } = 30;
    /// <summary>How often a dashboard session (cookie or live circuit) re-checks the security stamp.</summary>
    [Range(1, 3600)] public int SessionRevalidationSeconds { get; set; } = 60;
}
