using System.ComponentModel.DataAnnotations;
using Boltly.Features.Passwords.Pages;

namespace Boltly.Features.Registration.Pages;

/// <summary>The sign-up form. Quick checks here; the rules themselves run in <see cref="SignUpService"/>.</summary>
public sealed class SignUpInput
{
    [Required(ErrorMessage = "Enter a name for your account.")]
    public string AccountName { get; set; } = "";

    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Choose a password.")]
    [PasswordLength(ErrorMessage = "Use 12 to 128 characters.")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Repeat the password.")]
    [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
