using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Boltly.Features.Passwords;

/// <summary><c>POST /v1/auth/change-password</c>. Prints nothing: every member is a password.</summary>
public sealed record ChangePasswordRequest(
    // Required when the user has a password; left out by a user who has none, to set a first one (docs/passwords.md).
    [MaxLength(1024)] string? CurrentPassword,
    [Required, MaxLength(1024)] string? NewPassword,
    // Optional in the API (docs/passwords.md, "Changing the password"); when sent, it must match.
    [MaxLength(1024)] string? ConfirmPassword)
{
    private bool PrintMembers(StringBuilder builder) => false;
}
