using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.RateLimiting;

/// <summary>The limits of <see cref="RateLimitPolicies"/>; every window is <see cref="WindowSeconds"/> long.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";
    [Range(1, 1_000_000_000)] public int ApiKeyPerWindow { get; set; } = 120;
    [Range(1, 1_000_000_000)] public int SessionPerWindow { get; set; } = 600;
    /// <summary>Requests with an invalid key, per client address.</summary>
    [Range(1, 1_000_000_000)] public int InvalidKeyPerWindow { get; set; } = 60;
    /// <summary>Sign-in attempts (password, TOTP or recovery code), per client address.</summary>
    [Range(1, 1_000_000_000)] public int SignInPerWindow { get; set; } = 20;
    /// <summary>Sign-in attempts per account (by the email signed in with, known or not), whatever the
    /// address: a botnet of many addresses still gets this many guesses a window.</summary>
    [Range(1, 1_000_000_000)] public int SignInPerAccountPerWindow { get; set; } = 10;
    /// <summary>Refresh and sign-out requests (<c>/v1/auth/refresh</c>, <c>/v1/auth/logout</c>), per client address.</summary>
    [Range(1, 1_000_000_000)] public int TokenPerWindow { get; set; } = 60;
    /// <summary><c>/health/ready</c> requests (each asks PostgreSQL and Redis), per client address.</summary>
    [Range(1, 1_000_000_000)] public int HealthPerWindow { get; set; } = 120;
    /// <summary>Sign-up, confirmation-mail resend and password-reset requests (each may send a mail), per client address.</summary>
    [Range(1, 1_000_000_000)] public int AccountMailPerWindow { get; set; } = 10;
    /// <summary>The same requests per email address they would mail, known or not, whatever the client address: nobody
    /// can flood one inbox from many networks.</summary>
    [Range(1, 1_000_000_000)] public int AccountMailPerRecipientPerWindow { get; set; } = 3;
    /// <summary>Open leaked-key reports (no credential), per client address.</summary>
    [Range(1, 1_000_000_000)] public int LeakReportPerWindow { get; set; } = 10;
    /// <summary>Invitation requests without a credential (the link's token is the proof), per client address: the passkey
    /// creation options and the accept are each allowed this many a window, counted apart.</summary>
    [Range(1, 1_000_000_000)] public int InvitationPerWindow { get; set; } = 10;
    [Range(1, 3600)] public int WindowSeconds { get; set; } = 60;
}
