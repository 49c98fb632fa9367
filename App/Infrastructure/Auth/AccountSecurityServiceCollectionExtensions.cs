using Boltly.Domain.Auth;
using Boltly.Domain.Auth.TwoFactor;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Boltly.Infrastructure.Auth;

public static class AccountSecurityServiceCollectionExtensions
{
    /// <summary>TOTP 2FA on our own provider, hashed recovery codes, password rules and password change.
    /// Call after <see cref="AuthenticationServiceCollectionExtensions.AddBoltlyAuthentication"/>.</summary>
    public static WebApplicationBuilder AddBoltlyAccountSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        // One password rule set for every path (Identity's own validator would only repeat the length rule).
        services.Replace(ServiceDescriptor.Scoped<IPasswordValidator<AppUser>, CommonPasswordValidator>());

        services.Configure<IdentityOptions>(o =>
        {
            // Identity's built-in authenticator accepts ±90 s and replays: nothing may reach it.
            o.Tokens.ProviderMap.Remove(TokenOptions.DefaultAuthenticatorProvider);
            o.Tokens.ProviderMap[TotpTokenProvider.ProviderName] = new TokenProviderDescriptor(typeof(TotpTokenProvider));
            o.Tokens.AuthenticatorTokenProvider = TotpTokenProvider.ProviderName;
        });
        services.AddSingleton(sp => new TotpAlgorithm(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AuthenticatorSecretStore>();
        services.AddScoped<TotpTokenProvider>();
        services.AddScoped<RecoveryCodeService>();
        services.AddScoped<MfaChallengeClaims>();
        services.AddScoped<SecurityStampChange>();
        services.AddScoped<TwoFactorService>();
        services.AddScoped<TwoFactorSignInService>();
        services.AddScoped<PasswordChangeService>();
        return builder;
    }
}
