using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Boltly.Features.SignIn;

/// <summary>The second step of an app's sign-in. Prints nothing: both members are secrets.</summary>
public sealed record LoginTwoFactorRequest(
    [Required, MaxLength(2048)] string? MfaToken,
    [Required, MaxLength(64)] string? Code)
{
    private bool PrintMembers(StringBuilder builder) => false;
}
