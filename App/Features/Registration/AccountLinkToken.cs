using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Boltly.Features.Registration;

/// <summary>
/// The token in a confirmation or reset link: the user's id and Identity's token for them, in one URL-safe string, so
/// the link needs nothing else (<c>POST /v1/auth/confirm-email {"token"}</c>). The id is not a secret; the Identity
/// token is protected by Data Protection and names the user too, so a token cannot be moved to another user.
/// </summary>
public sealed record AccountLinkToken(Guid UserId, string IdentityToken)
{
    private const char Separator = ':';

    public override string ToString() => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes($"{UserId:N}{Separator}{IdentityToken}"));

    /// <summary>The token's parts, or null for anything that is not one.</summary>
    public static AccountLinkToken? Parse(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2048) return null;
        try
        {
            var text = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token.Trim()));
            var cut = text.IndexOf(Separator);
            return cut > 0 && Guid.TryParseExact(text[..cut], "N", out var userId) && cut + 1 < text.Length
                ? new AccountLinkToken(userId, text[(cut + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
