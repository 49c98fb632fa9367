using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.TwoFactor.Pages;

/// <summary>A current code from the authenticator app (enable, new recovery codes).</summary>
public sealed class TwoFactorCodeInput
{
    [Required(ErrorMessage = "Enter the code from your authenticator app.")]
    [RegularExpression(@"^\s*\d{3}\s?\d{3}\s*$", ErrorMessage = "The code is 6 digits.")]
    public string Code { get; set; } = "";
}

/// <summary>Turning 2FA off: the password or a current code.</summary>
public sealed class TwoFactorDisableInput : IValidatableObject
{
    public string? Password { get; set; }
    public string? Code { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(Password) && string.IsNullOrWhiteSpace(Code))
            yield return new ValidationResult("Enter your password or a current code.", [nameof(Password)]);
    }
}
