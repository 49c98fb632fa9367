using System.Text.Json.Serialization;

namespace Boltly.Features.Auth;

/// <summary>The sign-in response (docs/auth.md, "API sign-in"): an access token and its refresh token.</summary>
public sealed record TokenPair(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("refresh_expires_in")] int RefreshExpiresIn)
{
    // ToString (records print their members) must never show the tokens.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("TokenType = ").Append(TokenType).Append(", ExpiresIn = ").Append(ExpiresIn);
        return true;
    }
}
