namespace Boltly.Features.Passkeys;

/// <summary>The body of a passkey options request: none, or an empty JSON object (any field is refused).</summary>
public sealed record PasskeyOptionsRequest;
