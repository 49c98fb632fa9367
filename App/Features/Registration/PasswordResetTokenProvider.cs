using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Registration;

/// <summary>Password-reset links: <see cref="RegistrationOptions.PasswordResetMinutes"/>. Single use: the token carries
/// the security stamp, which the reset moves, so the link is void once used (and after any other password or 2FA change).</summary>
public sealed class PasswordResetTokenProvider(IDataProtectionProvider protection, IOptions<PasswordResetTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<AppUser>> logger, TimeProvider clock)
    : ClockedTokenProvider(protection, options, logger, clock)
{
    public const string ProviderName = "BoltlyPasswordReset";
}
