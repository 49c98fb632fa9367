using System.Security.Cryptography;
using Boltly.Domain.Auth;
using Boltly.Infrastructure.Data;
using Boltly.Infrastructure.Errors;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Boltly.Infrastructure.Auth;

public static class AuthenticationServiceCollectionExtensions
{
    /// <summary>Identity (passwords, lockout, security stamps), the three credentials, and deny-by-default authorization.</summary>
    public static WebApplicationBuilder AddBoltlyAuthentication(this WebApplicationBuilder builder)
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
                o.Password.RequiredLength = 12;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
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

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Selector;
                o.DefaultChallengeScheme = AuthSchemes.Selector;
                o.DefaultForbidScheme = AuthSchemes.Selector;
                o.DefaultSignInScheme = IdentityConstants.ApplicationScheme;
            })
            .AddPolicyScheme(AuthSchemes.Selector, "Credential selector", o => o.ForwardDefaultSelector = CredentialSelector.Select)
            .AddJwtBearer(AuthSchemes.Jwt)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, CredentialConflictHandler>(AuthSchemes.Conflict, null)
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

        services.AddAuthorization(o =>
        {
            // Deny by default: an endpoint without [AllowAnonymous] needs a credential.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.AddSingleton<IAuthorizationPolicyProvider, AccessPolicyProvider>();
        services.AddSingleton<IAuthorizationHandler, AccessRequirementsHandler>();

        services.AddSingleton<AccessTokenIssuer>();
        services.AddSingleton<MfaChallengeService>();
        services.AddSingleton<UserStampCache>();
        services.AddScoped<RefreshTokenService>();
        services.AddScoped<PasswordSignInService>();
        return builder;
    }

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (ApiErrorWriter.IsApiRequest(context.HttpContext))
        {
            var (code, message) = ApiErrorWriter.ForStatus(status);
            return ApiErrorWriter.WriteAsync(context.HttpContext, status, code, message);
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
