using System.Security.Cryptography;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Auth;

public static class AuthServiceCollectionExtensions
{
    /// <summary>What every sign-in method and flow builds on: Identity (lockout, security stamps), the dashboard cookie, JWT
    /// access tokens with rotating refresh tokens. The credential selector is in <see cref="AuthorizationServiceCollectionExtensions"/>.</summary>
    public static WebApplicationBuilder AddBoltlyAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var development = builder.Environment.IsDevelopment();

        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section)
            .PostConfigure(o =>
            {
                // Development without a configured key gets a random one per process (tokens do not
                // survive a restart); everywhere else the app refuses to start without a real key.
                if (development && string.IsNullOrEmpty(o.SigningKey))
                    o.SigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            })
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AccountSecurityOptions>().BindConfiguration(AccountSecurityOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                // No o.Password.*: only Identity's own validator reads them, and AddBoltlyPasswords replaces it
                // with the one password rule (Features/Passwords/CommonPasswordValidator).
                o.Lockout.AllowedForNewUsers = true;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountSecurityOptions>>((o, security) =>
        {
            o.Lockout.MaxFailedAccessAttempts = security.Value.LockoutMaxFailures;
            o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.Value.LockoutMinutes);
        });
        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AccountSecurityOptions>>((o, security) =>
            o.ValidationInterval = TimeSpan.FromSeconds(security.Value.SessionRevalidationSeconds));

        services.AddAuthentication(o => o.DefaultSignInScheme = IdentityConstants.ApplicationScheme)
            .AddJwtBearer(AuthSchemes.Jwt)
            .AddIdentityCookies();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = AuthSchemes.SessionCookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.CookieManager = new HostPrefixCookieManager();
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/login";
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.ConfigureExternalCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o =>
        {
            o.Cookie.Name = "boltly.2fa";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.CookieManager = new HostPrefixCookieManager();
        });

        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<UserStampCache>();
        services.AddSingleton<ValidatedAccessTokenCache>();
        services.AddSingleton<IAccessTokenCheck, SecurityStampTokenCheck>();
        services.AddScoped<RefreshTokenService>();
        services.AddSingleton<SignInAttempts>();
        services.AddScoped<SecurityStampChange>();
        return builder;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (Boltly.Platform.Api.ApiRequest.IsMarked(context.HttpContext))
        {
            var (code, message) = ApiErrorWriter.ForStatus(status);
            return ApiErrorWriter.WriteAsync(context.HttpContext, status, code, message);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
