using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace Boltly.Platform.Auth;

public static class AuthorizationServiceCollectionExtensions
{
    /// <summary>Which credential a request is judged by (<see cref="CredentialSelector"/>), two credentials refused,
    /// deny-by-default authorization, and the scope, session-only, role and confirmed-email requirements (docs/authorization.md).
    /// The credentials' own schemes are registered by their features.</summary>
    public static WebApplicationBuilder AddBoltlyAuthorization(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Selector;
                o.DefaultChallengeScheme = AuthSchemes.Selector;
                o.DefaultForbidScheme = AuthSchemes.Selector;
            })
            .AddPolicyScheme(AuthSchemes.Selector, "Credential selector", o => o.ForwardDefaultSelector = CredentialSelector.Select)
            .AddScheme<AuthenticationSchemeOptions, CredentialConflictHandler>(AuthSchemes.Conflict, null);
        services.AddAuthorization(o =>
        {
            // Deny by default: an endpoint without [AllowAnonymous] needs a credential.
            o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();
        services.AddSingleton<IAuthorizationHandler, AccessRequirementsHandler>();
        services.AddSingleton<Accounts.MemberRoleCache>();
        services.AddSingleton<RoleGate>();
        services.AddSingleton<ConfirmedEmail>();
        services.AddSingleton<IAuthorizationHandler, ConfirmedEmailHandler>();
        return builder;
    }
}
