using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Registration;

/// <summary>Confirmation links: <see cref="RegistrationOptions.EmailConfirmationHours"/>. Single use: a link confirms
/// an address that is not confirmed yet, once (<see cref="SignUpService.ConfirmEmailAsync"/>).</summary>
public sealed class EmailConfirmationTokenProvider(IDataProtectionProvider protection, IOptions<EmailConfirmationTokenProviderOptions> options,
    ILogger<DataProtectorTokenProvider<AppUser>> logger, TimeProvider clock)
    : ClockedTokenProvider(protection, options, logger, clock)
{
    public const string ProviderName = "BoltlyEmailConfirmation";
}
