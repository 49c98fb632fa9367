using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Boltly.Features.TwoFactor;

/// <summary>Turning 2FA off needs the password or a current code (one of them). Prints nothing secret.</summary>
public sealed record TwoFactorDisableRequest(
    [MaxLength(1024)] string? Password,
    [MaxLength(64)] string? Code)
{
    private bool PrintMembers(StringBuilder builder) => false;
}
