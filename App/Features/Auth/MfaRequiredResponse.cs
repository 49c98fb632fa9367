using System.Text.Json.Serialization;

namespace Boltly.Features.Auth;

public sealed record MfaRequiredResponse(
    [property: JsonPropertyName("mfa_required")] bool MfaRequired,
    [property: JsonPropertyName("mfa_token")] string MfaToken);
