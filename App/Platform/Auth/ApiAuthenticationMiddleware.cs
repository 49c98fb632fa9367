using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features.Authentication;

namespace Boltly.Platform.Auth;

/// <summary>
/// On the API's branch, in place of the framework's authentication middleware: authenticates the request with the one
/// scheme its credential selects (<see cref="CredentialSelector"/>), directly rather than through the selector's policy
/// scheme, which would make and initialise a handler of its own and run the authentication service twice per request.
/// What it leaves behind is what the framework's leaves: <see cref="HttpContext.User"/>, and on success the result
/// features that authorization reads instead of authenticating again. The selector stays the default scheme, so
/// challenges, refusals and any later <c>AuthenticateAsync()</c> choose the same handler (docs/authorization.md).
/// No scheme of this app handles a request on its own (<see cref="IAuthenticationRequestHandler"/>, remote sign-in
/// callbacks): those live on the dashboard's branch, which keeps the framework's middleware.
/// </summary>
public sealed class ApiAuthenticationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        context.Features.Set<IAuthenticationFeature>(new AuthenticationFeature
        {
            OriginalPath = context.Request.Path,
            OriginalPathBase = context.Request.PathBase,
        });
        var result = await context.AuthenticateAsync(CredentialSelector.Select(context));
        if (result.Principal is { } principal) context.User = principal;
        if (result.Succeeded)
        {
            var features = new ResultFeatures(result);
            context.Features.Set<IHttpAuthenticationFeature>(features);
            context.Features.Set<IAuthenticateResultFeature>(features);
        }
        await next(context);
    }

    /// <summary>The framework's pair of result features, kept in step: setting the user drops the stale result.</summary>
    private sealed class ResultFeatures(AuthenticateResult result) : IHttpAuthenticationFeature, IAuthenticateResultFeature
    {
        private AuthenticateResult? _result = result;
        private ClaimsPrincipal? _user = result.Principal;

        public AuthenticateResult? AuthenticateResult
        {
            get => _result;
            set
            {
                _result = value;
                _user = value?.Principal;
            }
        }

        public ClaimsPrincipal? User
        {
            get => _user;
            set
            {
                _user = value;
                _result = null;
            }
        }
    }
}
