namespace Boltly.Features.TwoFactor;

/// <summary>How recovery codes are stored: as HMAC-SHA256 under a server-side pepper, so a copy of the
/// database alone cannot test guesses against them. The pepper is the same on every instance.</summary>
public sealed class RecoveryCodeOptions
{
    public const string Section = "TwoFactor";
    public const int MinimumPepperBytes = 32;

    /// <summary>Base64, at least 32 random bytes (<c>TwoFactor:RecoveryCodePepper</c>). Required outside Development.</summary>
    public string? RecoveryCodePepper { get; set; }

    /// <summary>The decoded pepper, or null when it is missing, not base64 or too short.</summary>
    public byte[]? PepperBytes()
    {
        if (string.IsNullOrWhiteSpace(RecoveryCodePepper)) return null;
        var buffer = new byte[RecoveryCodePepper.Length];
        return Convert.TryFromBase64String(RecoveryCodePepper, buffer, out var length) && length >= MinimumPepperBytes ? buffer[..length] : null;
    }
}
