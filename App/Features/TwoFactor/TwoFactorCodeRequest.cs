using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Boltly.Features.TwoFactor;

/// <summary>A current authenticator code (enable, new recovery codes). Prints nothing: the code is a secret.</summary>
public sealed record TwoFactorCodeRequest([Required, MaxLength(64)] string? Code)
{
    private bool PrintMembers(StringBuilder builder) => false;
}
