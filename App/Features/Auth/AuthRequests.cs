using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Boltly.Features.Auth;

// These requests carry passwords, tokens and codes. A record prints its members in ToString, and MVC
// logs action arguments that way at Trace level: each one prints only what is not secret.

public sealed record LoginRequest(
    [Required, MaxLength(256)] string? Email,
    [Required, MaxLength(1024)] string? Password)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Email = ").Append(Email);
        return true;
    }
}

public sealed record RefreshRequest([Required, MaxLength(512)] string? RefreshToken)
{
    private bool PrintMembers(StringBuilder builder) => false;
}

public sealed record LoginTwoFactorRequest(
    [Required, MaxLength(2048)] string? MfaToken,
    [Required, MaxLength(64)] string? Code)
{
    private bool PrintMembers(StringBuilder builder) => false;
}

public sealed record TwoFactorCodeRequest([Required, MaxLength(64)] string? Code)
{
    private bool PrintMembers(StringBuilder builder) => false;
}

/// <summary>Turning 2FA off needs the password or a current code (one of them).</summary>
public sealed record TwoFactorDisableRequest(
    [MaxLength(1024)] string? Password,
    [MaxLength(64)] string? Code)
{
    private bool PrintMembers(StringBuilder builder) => false;
}

public sealed record ChangePasswordRequest(
    [Required, MaxLength(1024)] string? CurrentPassword,
    [Required, MaxLength(1024)] string? NewPassword,
    // Optional in the API (docs/passwords.md, "Changing the password"); when sent, it must match.
    [MaxLength(1024)] string? ConfirmPassword)
{
    private bool PrintMembers(StringBuilder builder) => false;
}
