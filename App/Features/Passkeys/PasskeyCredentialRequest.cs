using System.Text.Json.Serialization;

namespace Boltly.Features.Passkeys;

/// <summary>The body of a passkey re-authentication: the browser's <c>navigator.credentials.get()</c> result, as JSON text.</summary>
public sealed record PasskeyCredentialRequest([property: JsonPropertyName("credential")] string? Credential);
