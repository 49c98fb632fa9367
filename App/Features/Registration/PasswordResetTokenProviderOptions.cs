using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.Registration;

/// <summary>The lifespan of <see cref="PasswordResetTokenProvider"/>, from <see cref="RegistrationOptions"/>.</summary>
public sealed class PasswordResetTokenProviderOptions : DataProtectionTokenProviderOptions;
