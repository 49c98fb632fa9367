using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace Boltly.Platform.Email;

/// <summary>Who the portal's mail comes from (docs/email.md).</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    /// <summary>The From address, a plain address or <c>Name &lt;address&gt;</c>.</summary>
    [Required] public string From { get; set; } = "Boltly Portal <no-reply@boltly.local>";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!MailboxAddress.TryParse(From, out _))
            yield return new ValidationResult("Email:From must be a mail address, optionally with a name: Name <address>.", [nameof(From)]);
    }
}
