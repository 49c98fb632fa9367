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
    [Range(1, 3600)] public int WindowSeconds { get; set; } = 60;
}
