using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Boltly.Features.Registration;

// These requests carry passwords, tokens and codes: each prints only what is not secret (MVC logs arguments at Trace).

public sealed record SignUpRequest(
    [MaxLength(1024)] string? AccountName,
    [MaxLength(1024)] string? Email,
    [MaxLength(1024)] string? Password)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("AccountName = ").Append(AccountName).Append(", Email = ").Append(Email);
        return true;
    }
}

public sealed record ConfirmEmailRequest([Required, MaxLength(2048)] string? Token)
{
    private bool PrintMembers(StringBuilder builder) => false;
}

public sealed record PasswordResetRequest([Required, MaxLength(1024)] string? Email)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Email = ").Append(Email);
        return true;
    }
}

public sealed record PasswordResetConfirmRequest(
    [Required, MaxLength(2048)] string? Token,
    [Required, MaxLength(1024)] string? NewPassword,
    [MaxLength(64)] string? Code)
{
    private bool PrintMembers(StringBuilder builder) => false;
}
