using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Boltly.Features.SignIn;

// A record prints its members in ToString, and MVC logs action arguments that way at Trace level: it prints only what
// is not secret.
public sealed record LoginRequest(
    [Required, MaxLength(256)] string? Email,
    [Required, MaxLength(1024)] string? Password)
{
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Email = ").Append(Email);
        return true;
    }
}
