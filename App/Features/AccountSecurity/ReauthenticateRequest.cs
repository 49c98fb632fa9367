using System.ComponentModel.DataAnnotations;
using System.Text;

namespace Boltly.Features.AccountSecurity;

/// <summary><c>POST /v1/auth/reauthenticate</c>: the password, or a TOTP or recovery code. Prints nothing secret.</summary>
public sealed record ReauthenticateRequest([MaxLength(1024)] string? Password, [MaxLength(64)] string? Code)
{
    private bool PrintMembers(StringBuilder builder) => false;
}
