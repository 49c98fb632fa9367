using System.Text.Json;
using Boltly.Features.Auth;
using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Boltly.Features.SignIn;

/// <summary>
/// The <c>mfa_token</c> of the API's two-step sign-in: proof that the password was right, bound to
/// the user and their security stamp, valid for a few minutes. Encrypted and signed with Data
/// Protection, so it is opaque to clients and valid on every instance.
/// </summary>
public sealed class MfaChallengeService(IDataProtectionProvider protection, IOptions<JwtOptions> options, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Boltly.MfaChallenge.v1");

    public string Issue(AppUser user)
    {
        var challenge = new MfaChallenge(user.Id, UserStampCache.Digest(user.SecurityStamp), Guid.NewGuid(),
            clock.GetUtcNow().AddMinutes(options.Value.MfaTokenMinutes));
        return _protector.Protect(JsonSerializer.Serialize(challenge));
    }

    /// <summary>The challenge inside <paramref name="token"/>, or null when forged or expired.
    /// Single use is enforced by the caller with <see cref="MfaChallenge.Nonce"/>.</summary>
    public MfaChallenge? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2048) return null;
        try
        {
            var challenge = JsonSerializer.Deserialize<MfaChallenge>(_protector.Unprotect(token));
            return challenge is not null && challenge.ExpiresAt > clock.GetUtcNow() ? challenge : null;
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }
}
