using System.Buffers.Binary;
using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Registration;

/// <summary>
/// Identity's <see cref="DataProtectorTokenProvider{TUser}"/> (a protected token naming the user, the purpose and the
/// security stamp, within its <see cref="DataProtectionTokenProviderOptions.TokenLifespan"/>), with the lifespan also
/// judged by the app's <see cref="TimeProvider"/>: Identity's own check reads the system clock, which tests cannot move.
/// </summary>
public abstract class ClockedTokenProvider(IDataProtectionProvider protection, IOptions<DataProtectionTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<AppUser>> logger, TimeProvider clock)
    : DataProtectorTokenProvider<AppUser>(protection, options, logger)
{
    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user) =>
        IssuedWithinLifespan(token) && await base.ValidateAsync(purpose, token, manager, user);

    // The token starts with its creation time (UTC ticks, little-endian), as Identity writes it.
    private bool IssuedWithinLifespan(string token)
    {
        try
        {
            var data = Protector.Unprotect(Convert.FromBase64String(token));
            if (data.Length < sizeof(long)) return false;
            var created = new DateTimeOffset(BinaryPrimitives.ReadInt64LittleEndian(data), TimeSpan.Zero);
            return created + Options.TokenLifespan >= clock.GetUtcNow();
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            return false;
        }
    }
}
