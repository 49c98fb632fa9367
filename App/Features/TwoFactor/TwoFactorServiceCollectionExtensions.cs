using Boltly.Features.Auth;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.TwoFactor;

public static class TwoFactorServiceCollectionExtensions
{
    /// <summary>TOTP 2FA on our own provider (±1 step, no replay) and hashed recovery codes.
    /// Call after <see cref="AuthServiceCollectionExtensions.AddBoltlyAuth"/>, which adds Identity.</summary>
    public static WebApplicationBuilder AddBoltlyTwoFactor(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

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
        services.AddScoped<TwoFactorService>();
        services.AddScoped<TwoFactorSignInService>();
        services.Configure<ContentSecurityPolicyOptions>(o => o.InlineEventHandlers.Add(Pages.RecoveryCodesReveal.CopyHandler));
        return builder;
    }
}
