using Boltly.Platform.Accounts;
using Boltly.Platform.Http;

namespace Boltly.Features.TwoFactor;

/// <summary>
/// The second factor as the flows see it (sign-in's second step, re-authentication, password reset;
/// docs/decisions/0024-identity-layers.md): a TOTP or recovery code of a user with two-factor on, checked once, with
/// lockout. Implemented by <see cref="TwoFactorService"/>.
/// </summary>
public interface ISecondFactorMethod
{
    /// <param name="claim">Called once the lockout is checked and before the code is: false refuses without looking at
    /// the code or counting a failure (a sign-in step already used).</param>
    Task<bool> VerifySignInCodeAsync(AppUser user, string? code, ClientInfo client, CancellationToken ct = default, Func<Task<bool>>? claim = null);
}
