using Boltly.Components.Shared;
using Boltly.Features.Passkeys.Pages;
using Boltly.Platform.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Passkeys;

public static class PasskeysServiceCollectionExtensions
{
    /// <summary>Passkeys through Identity's .NET 10 support (schema version 3): the relying party from options and
    /// <c>Portal:PublicUrl</c> (ADR 0015), the passkey limit, sign-in and re-authentication, and the panel of
    /// Settings → Security (docs/passkeys.md).</summary>
    public static WebApplicationBuilder AddBoltlyPasskeys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PasskeyOptions>().BindConfiguration(PasskeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<IdentityPasskeyOptions>, PasskeyRelyingParty>();
        services.TryAddScoped<IPasskeyHandler<AppUser>, PasskeyHandler<AppUser>>();
        services.AddSingleton<PasskeyCeremonyStore>();
        services.AddScoped<PasskeyService>();
        services.AddScoped<PasskeySignInService>();
        services.AddScoped<IPasskeySignInMethod>(sp => sp.GetRequiredService<PasskeySignInService>());
        services.AddScoped<IPasskeyEnrollment, PasskeyEnrollmentService>();
        services.AddSingleton(new SecuritySettingsPanel(typeof(PasskeysPanel), PanelOrder));
        services.AddSingleton(new ReauthenticationOption(typeof(PasskeyReauthentication), PanelOrder));
        services.AddSingleton(new StaticReauthenticationOption(typeof(PasskeyConfirmForm), PanelOrder));
        return builder;
    }

    // After two-factor authentication (which Settings → Security shows first).
    private const int PanelOrder = 20;
}
