using Boltly.Platform.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Boltly.Platform.Batching;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Sessions;

public static class SessionsServiceCollectionExtensions
{
    /// <summary>Server-side sessions of the dashboard and apps, and the re-authentication window (docs/sessions.md).</summary>
    public static WebApplicationBuilder AddBoltlySessions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddBatchWriter<SessionActivityTracker>(sp =>
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SessionOptions>>().Value.ActivityFlushSeconds));
        services.AddSingleton<SessionStore>();
        services.AddSingleton<IAccessTokenCheck, SessionTokenCheck>();
        services.AddSingleton<SessionService>();
        services.AddSingleton<DeviceCookie>();
        services.AddSingleton<ReauthenticationWindow>();
        services.AddSingleton<IReauthenticationWindow>(sp => sp.GetRequiredService<ReauthenticationWindow>());
        services.AddScoped<CircuitPresence>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitPresence>());
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddSingleton<CallerResolver>();
        services.AddScoped<CircuitSessionGuard>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitSessionGuard>());
        services.AddSingleton<IAuthorizationHandler, ReauthenticationHandler>();

        // After Identity's own configuration: every cookie sign-in starts a session, every cookie request checks it
        // before the security-stamp check, and the cookie slides by the browser idle limit (ADR 0013).
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<IOptions<SessionOptions>>((o, sessions) =>
            {
                o.ExpireTimeSpan = TimeSpan.FromHours(sessions.Value.BrowserIdleHours);
                var signingIn = o.Events.OnSigningIn;
                o.Events.OnSigningIn = async context =>
                {
                    await signingIn(context);
                    await SessionCookieEvents.OnSigningInAsync(context);
                };
                o.Events.OnValidatePrincipal = SessionCookieEvents.OnValidatePrincipal(o.Events.OnValidatePrincipal);
            });
        services.PostConfigure<SecurityStampValidatorOptions>(o =>
        {
            var refreshing = o.OnRefreshingPrincipal;
            o.OnRefreshingPrincipal = async context =>
            {
                if (refreshing is not null) await refreshing(context);
                await SessionCookieEvents.KeepSessionId(context);
            };
        });
        return builder;
    }
}
