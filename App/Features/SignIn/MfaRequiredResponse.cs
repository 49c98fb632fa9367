using System.Text.Json.Serialization;
using Boltly.Features.Auth;
using Boltly.Platform.OpenApi;

namespace Boltly.Features.SignIn;

/// <summary>Sign-in's answer when two-factor authentication is on: finish with <c>mfa_token</c> and a code
/// at POST /v1/auth/login/2fa.</summary>
[DiscriminatorValue(SignInShapes.Property, SignInShapes.MfaRequired)]
public sealed record MfaRequiredResponse(
    [property: JsonPropertyName("mfa_required")] bool MfaRequired,
    [property: JsonPropertyName("mfa_token")] string MfaToken)
{
    [JsonPropertyName(SignInShapes.Property), JsonPropertyOrder(-1)]
    public string Type => SignInShapes.MfaRequired;
}
