using System.ComponentModel.DataAnnotations;
namespace Boltly.Features.Passwords.Pages;

/// <summary>Settings → Password for a user without a password: the new one, twice. The length rule is checked here for a
/// quick message; the full rule set is <see cref="CommonPasswordValidator"/>, run by the service.</summary>
public sealed class PasswordSetInput
{
    [Required(ErrorMessage = "Enter a new password.")]
    [PasswordLength(ErrorMessage = "Use 12 to 128 characters.")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Repeat the new password.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The new passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
