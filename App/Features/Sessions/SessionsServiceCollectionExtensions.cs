namespace Boltly.Features.Sessions;

public static class SessionsServiceCollectionExtensions
{
    /// <summary>Server-side sessions of the dashboard and apps, and the re-authentication window (docs/sessions.md).</summary>
    public static WebApplicationBuilder AddBoltlySessions(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IReauthenticationWindow, NoReauthenticationWindow>();
        return builder;
    }
}
