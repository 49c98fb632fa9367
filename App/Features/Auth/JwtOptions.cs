using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Boltly.Features.Auth;

public sealed class JwtOptions : IValidatableObject
{
    public const string Section = "Jwt";
    /// <summary>HS256 is only as strong as its key: at least 256 bits (RFC 7518 §3.2).</summary>
    public const int MinimumKeyBytes = 32;

    public string Issuer { get; set; } = "boltly-portal";
    public string Audience { get; set; } = "boltly-api";
    public string SigningKey { get; set; } = "";
    [Range(1, 1440)] public int AccessTokenMinutes { get; set; } = 15;
    [Range(1, 90)] public int RefreshTokenDays { get; set; } = 7;
    [Range(0, 30)] public int ClockSkewSeconds { get; set; } = 5;
    [Range(1, 60)] public int MfaTokenMinutes { get; set; } = 5;
    /// <summary>How many validated access tokens an instance keeps until their expiry (ADR 0022); 0 turns the cache off.</summary>
    [Range(0, 1_000_000)] public int ValidatedTokenCacheEntries { get; set; } = 10_000;
    /// <summary>How long a cached token's passed checks (stamp, session) are reused while no cache eviction happened on
    /// this instance (ADR 0033); past it they run again even so, which bounds a check whose answer changes without an
    /// eviction (a lost message) to well within the one-second promise. 0 runs them on every request.</summary>
    [Range(0, 60_000)] public int CheckedTokenReuseMilliseconds { get; set; } = 500;

    public byte[] KeyBytes => Encoding.UTF8.GetBytes(SigningKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyBytes.Length < MinimumKeyBytes)
            yield return new ValidationResult(
                $"Jwt:SigningKey must be at least {MinimumKeyBytes} bytes (256 bits); configure it with the Jwt__SigningKey environment variable.",
                [nameof(SigningKey)]);
    }
}
