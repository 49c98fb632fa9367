using System.ComponentModel.DataAnnotations;
namespace Boltly.Features.Passwords.Pages;

/// <summary>The password length rule of <see cref="CommonPasswordValidator"/> for a form field. Not
/// <c>[StringLength]</c>: that counts UTF-16 units, and the rule counts characters (an emoji is one).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PasswordLengthAttribute : ValidationAttribute
{
    // An empty value is [Required]'s to report.
    public override bool IsValid(object? value) =>
        value is not string { Length: > 0 } password || CommonPasswordValidator.LengthViolation(password) is null;
}
