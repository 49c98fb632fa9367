using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace Boltly.Features.TwoFactor;

/// <summary>
/// The user's TOTP secret, kept in Identity's user-token table but encrypted with Data Protection:
/// a copy of the database alone does not yield anyone's codes.
/// </summary>
public sealed class AuthenticatorSecretStore(IDataProtectionProvider protection)
{
    private const string LoginProvider = "Boltly";
    private const string TokenName = "TotpSecret";
    private readonly IDataProtector _protector = protection.CreateProtector("Boltly.TotpSecret.v1");

    public async Task<byte[]?> GetAsync(UserManager<AppUser> users, AppUser user)
    {
        var stored = await users.GetAuthenticationTokenAsync(user, LoginProvider, TokenName);
        if (string.IsNullOrEmpty(stored)) return null;
        try
        {
            return Base32Encoding.ToBytes(_protector.Unprotect(stored));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    public Task<IdentityResult> SetAsync(UserManager<AppUser> users, AppUser user, byte[] secret) =>
        users.SetAuthenticationTokenAsync(user, LoginProvider, TokenName, _protector.Protect(Base32Encoding.ToString(secret)));

    public Task<IdentityResult> RemoveAsync(UserManager<AppUser> users, AppUser user) =>
        users.RemoveAuthenticationTokenAsync(user, LoginProvider, TokenName);
}
