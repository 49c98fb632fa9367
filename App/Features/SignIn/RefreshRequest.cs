using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Boltly.Features.SignIn;

/// <summary>Refresh and sign-out of an app. Prints nothing: the token is a secret.</summary>
public sealed record RefreshRequest([Required, MaxLength(512)] string? RefreshToken)
{
    private bool PrintMembers(StringBuilder builder) => false;
}
