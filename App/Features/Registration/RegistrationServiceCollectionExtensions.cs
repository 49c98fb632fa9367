using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Registration;

public static class RegistrationServiceCollectionExtensions
{
    /// <summary>Sign-up, email confirmation and password reset (docs/registration.md): their token providers (Identity's
    /// Data Protection tokens with our lifespans), services and pages. Call after AddBoltlyAuth, which adds Identity.</summary>
    public static WebApplicationBuilder AddBoltlyRegistration(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RegistrationOptions>().BindConfiguration(RegistrationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<EmailConfirmationTokenProviderOptions>().Configure<IOptions<RegistrationOptions>>((o, r) =>
        {
            o.Name = EmailConfirmationTokenProvider.ProviderName;
            o.TokenLifespan = TimeSpan.FromHours(r.Value.EmailConfirmationHours);
        });
        services.AddOptions<PasswordResetTokenProviderOptions>().Configure<IOptions<RegistrationOptions>>((o, r) =>
        {
            o.Name = PasswordResetTokenProvider.ProviderName;
            o.TokenLifespan = TimeSpan.FromMinutes(r.Value.PasswordResetMinutes);
        });
        services.AddTransient<EmailConfirmationTokenProvider>();
        services.AddTransient<PasswordResetTokenProvider>();
        services.Configure<IdentityOptions>(o =>
        {
            o.Tokens.ProviderMap[EmailConfirmationTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(EmailConfirmationTokenProvider));
            o.Tokens.ProviderMap[PasswordResetTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(PasswordResetTokenProvider));
            o.Tokens.EmailConfirmationTokenProvider = EmailConfirmationTokenProvider.ProviderName;
            o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
        });
        services.AddScoped<AccountMailLimits>();
        services.AddScoped<SignUpService>();
        services.AddScoped<PasswordResetService>();
        return builder;
    }
}
