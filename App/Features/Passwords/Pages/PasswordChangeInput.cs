using System.ComponentModel.DataAnnotations;
namespace Boltly.Features.Passwords.Pages;

/// <summary>Settings → Password. The length rule is checked here for a quick message; the full rule
/// set (common passwords) is <see cref="CommonPasswordValidator"/>, run by the service.</summary>
public sealed class PasswordChangeInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter a new password.")]
    [PasswordLength(ErrorMessage = "Use 12 to 128 characters.")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Repeat the new password.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The new passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
