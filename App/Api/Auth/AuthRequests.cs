using System.ComponentModel.DataAnnotations;

namespace Boltly.Api.Auth;

public sealed record LoginRequest(
    [Required, MaxLength(256)] string? Email,
    [Required, MaxLength(1024)] string? Password);

public sealed record RefreshRequest([Required, MaxLength(512)] string? RefreshToken);

public sealed record LoginTwoFactorRequest(
    [Required, MaxLength(2048)] string? MfaToken,
    [Required, MaxLength(64)] string? Code);

public sealed record TwoFactorCodeRequest([Required, MaxLength(64)] string? Code);

/// <summary>Turning 2FA off needs the password or a current code (one of them).</summary>
public sealed record TwoFactorDisableRequest(
    [MaxLength(1024)] string? Password,
    [MaxLength(64)] string? Code);

public sealed record ChangePasswordRequest(
    [Required, MaxLength(1024)] string? CurrentPassword,
    [Required, MaxLength(1024)] string? NewPassword,
    // Optional in the API (API.md names current and new only); when sent, it must match.
    [MaxLength(1024)] string? ConfirmPassword);
