using Boltly.Platform.Http;

namespace Boltly.Features.Passwords;

/// <summary>
/// The password sign-in method as the sign-in flows see it (docs/decisions/0024-identity-layers.md): an email and a
/// password checked with lockout, answered alike for an unknown email, a wrong password and a locked account. What
/// follows a success (a second factor, a cookie or a token pair) is the flow's. Implemented by
/// <see cref="PasswordSignInService"/>.
/// </summary>
public interface IPasswordSignInMethod
{
    Task<PasswordCheckResult> CheckAsync(string email, string password, ClientInfo client, CancellationToken ct = default);
}
