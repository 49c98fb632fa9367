using System.Text.Json.Serialization;
using Boltly.Platform.OpenApi;

namespace Boltly.Features.Auth;

/// <summary>The sign-in response (docs/auth.md, "API sign-in"): an access token and its refresh token. <c>type</c> tells it from
/// <c>MfaRequiredResponse</c>, the other answer of sign-in (docs/openapi.md).</summary>
[DiscriminatorValue(SignInShapes.Property, SignInShapes.TokenPair)]
public sealed record TokenPair(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("refresh_expires_in")] int RefreshExpiresIn)
{
    [JsonPropertyName(SignInShapes.Property), JsonPropertyOrder(-1)]
    public string Type => SignInShapes.TokenPair;

    // ToString (records print their members) must never show the tokens.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("TokenType = ").Append(TokenType).Append(", ExpiresIn = ").Append(ExpiresIn);
        return true;
    }
}
