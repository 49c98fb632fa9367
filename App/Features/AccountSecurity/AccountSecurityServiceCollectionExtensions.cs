using Boltly.Features.Sessions;

namespace Boltly.Features.AccountSecurity;

public static class AccountSecurityServiceCollectionExtensions
{
    /// <summary>Settings → Security and re-authentication (docs/sessions.md): the dialog and form that ask for a password,
    /// a code or a passkey, and <c>POST /v1/auth/reauthenticate</c>.</summary>
    public static WebApplicationBuilder AddBoltlyAccountSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<ReauthenticationService>();
        services.AddScoped<IReauthentication>(sp => sp.GetRequiredService<ReauthenticationService>());
        services.AddScoped<ReauthenticationPrompt>();
        return builder;
    }
}
