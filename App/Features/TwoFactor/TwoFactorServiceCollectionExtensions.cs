using Boltly.Components.Shared;
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
        var environment = builder.Environment;
        services.AddOptions<RecoveryCodeOptions>().BindConfiguration(RecoveryCodeOptions.Section)
            .PostConfigure(o =>
            {
                // Development without a configured pepper derives one from the checkout, stable across restarts
                // (codes stay valid); run.sh sets a random one from .local/.
                if (environment.IsDevelopment() && string.IsNullOrWhiteSpace(o.RecoveryCodePepper))
                    o.RecoveryCodePepper = Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(
                        System.Text.Encoding.UTF8.GetBytes("boltly-development-recovery-pepper:" + environment.ContentRootPath)));
            })
            .Validate(o => o.PepperBytes() is not null,
                $"TwoFactor:RecoveryCodePepper must be set to at least {RecoveryCodeOptions.MinimumPepperBytes} random bytes in base64 (see docs/security.md).")
            .ValidateOnStart();
        services.AddSingleton(sp => new TotpAlgorithm(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<AuthenticatorSecretStore>();
        services.AddScoped<TotpTokenProvider>();
        services.AddScoped<RecoveryCodeService>();
        services.AddScoped<TwoFactorService>();
        services.AddScoped<ISecondFactorMethod>(sp => sp.GetRequiredService<TwoFactorService>());
        services.Configure<ContentSecurityPolicyOptions>(o => o.InlineEventHandlers.Add(Pages.RecoveryCodesReveal.CopyHandler));
        // The first card of Settings → Security.
        services.AddSingleton(new SecuritySettingsPanel(typeof(Pages.TwoFactorSettings), PanelOrder));
        return builder;
    }

    private const int PanelOrder = 10;
}
