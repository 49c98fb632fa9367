using System.ComponentModel.DataAnnotations;
using Boltly.Features.Passwords.Pages;

namespace Boltly.Features.Registration.Pages;

/// <summary>The reset form: the link's token, the new password twice, and a code when 2FA is on.</summary>
public sealed class ResetPasswordInput
{
    public string? Token { get; set; }

    [Required(ErrorMessage = "Choose a new password.")]
    [PasswordLength(ErrorMessage = "Use 12 to 128 characters.")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Repeat the new password.")]
    [Compare(nameof(NewPassword), ErrorMessage = "The new passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";

    public string? Code { get; set; }
}
