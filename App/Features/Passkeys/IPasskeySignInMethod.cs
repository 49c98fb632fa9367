using Boltly.Platform.Http;

namespace Boltly.Features.Passkeys;

/// <summary>
/// The passkey sign-in method as the sign-in flow sees it (docs/decisions/0024-identity-layers.md): assertion options
/// whose challenge the server keeps for one use, and the assertion checked against them. A passkey is a whole sign-in:
/// no password, no second step. Implemented by <see cref="PasskeySignInService"/>.
/// </summary>
public interface IPasskeySignInMethod
{
    /// <summary>WebAuthn request options for a sign-in (any of the relying party's passkeys).</summary>
    Task<string> BeginSignInAsync();

    /// <summary>Checks the browser's assertion and, when it holds, signs its user in.</summary>
    Task<PasskeySignInResult> SignInAsync(string? credentialJson, ClientInfo client, CancellationToken ct = default);
}
