using OtpNet;

namespace Boltly.Features.TwoFactor;

/// <summary>
/// RFC 6238 TOTP on Otp.NET: HMAC-SHA-1, 30-second steps, one step of drift each way and nothing
/// wider (docs/two-factor.md). Pure: it says which time step a code belongs to; claiming that step so a code
/// is accepted once is <see cref="TotpTokenProvider"/>'s job.
/// </summary>
public sealed class TotpAlgorithm(TimeProvider clock, int digits = TotpAlgorithm.Digits)
{
    public const int StepSeconds = 30;
    public const int Digits = 6;
    /// <summary>Steps accepted either side of the current one.</summary>
    public const int WindowSteps = 1;
    /// <summary>160 bits, RFC 4226 §4's recommended length for the shared secret.</summary>
    public const int SecretBytes = 20;

    public static byte[] NewSecret() => KeyGeneration.GenerateRandomKey(SecretBytes);

    /// <summary>The time step a moment belongs to (seconds since the epoch / 30).</summary>
    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    public string CodeAt(byte[] secret, DateTimeOffset at) => NewTotp(secret).ComputeTotp(at.UtcDateTime);

    /// <summary>The step within the window whose code equals <paramref name="code"/>, or null.
    /// The comparison is constant-time (Otp.NET).</summary>
    public long? MatchingStep(byte[] secret, string? code)
    {
        var normalized = Normalize(code);
        if (normalized is null || normalized.Length != digits) return null;
        var matched = NewTotp(secret).VerifyTotp(clock.GetUtcNow().UtcDateTime, normalized, out var step,
            new VerificationWindow(previous: WindowSteps, future: WindowSteps));
        return matched ? step : null;
    }

    /// <summary>Digits only; spaces people type between groups are dropped.</summary>
    public static string? Normalize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code)) return null;
        var compact = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        return compact.Length <= 10 && compact.All(char.IsAsciiDigit) ? compact : null;
    }

    private Totp NewTotp(byte[] secret) => new(secret, StepSeconds, OtpHashMode.Sha1, digits);
}
