using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Registration;

/// <summary>The lifespan of <see cref="EmailConfirmationTokenProvider"/>, from <see cref="RegistrationOptions"/>.</summary>
public sealed class EmailConfirmationTokenProviderOptions : DataProtectionTokenProviderOptions;
