using Boltly.Platform.Api;
using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Boltly.Platform.Auth;

/// <summary>
/// On the API's branch (<see cref="ApiRequest"/>), a refused authorization answers in the contract's JSON: 401 UNAUTHORIZED, or
/// the 403 of the first failed requirement that knows its own error (session-only, missing scope, role, unconfirmed email).
/// The dashboard keeps the default behaviour (redirect to sign-in).
/// </summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    // The display name routing gives the endpoint it selects when a path matches for other methods only.
    private const string MethodNotAllowedEndpoint = "405 HTTP Method Not Supported";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!ApiRequest.IsMarked(context) || result.Succeeded)
            return _default.HandleAsync(next, context, policy, result);

        // No route, or the route exists for other methods: that answer does not depend on who asks.
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
            return WriteStatusAsync(context, StatusCodes.Status404NotFound);
        if (endpoint.DisplayName == MethodNotAllowedEndpoint)
            return WriteStatusAsync(context, StatusCodes.Status405MethodNotAllowed);

        // A known credential refused for a reason of its own (a key outside its allowlist): its 403, not a 401.
        if (result.Challenged && context.Items[ApiErrorItems.AuthRefusal] is IApiRefusal known)
            return ApiErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, known.ErrorCode, known.Message);
        if (result.Challenged)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            return ApiErrorWriter.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized,
                context.Items[ApiErrorItems.AuthFailureMessage] as string ?? ErrorCodes.AuthenticationRequiredMessage);
        }

        // A reason a handler gave (a session's role lacking a scope) wins over the requirement's own refusal.
        var refusal = result.AuthorizationFailure?.FailureReasons.OfType<IApiRefusal>().FirstOrDefault()
            // Re-authenticating cannot help a caller refused for another reason (its role, a key on a session-only endpoint).
            ?? result.AuthorizationFailure?.FailedRequirements.OfType<IApiRefusal>().OrderBy(r => r is ReauthenticationRequirement ? 1 : 0).FirstOrDefault();
        return refusal is null
            ? ApiErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden, "You do not have access to this resource.")
            : ApiErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, refusal.ErrorCode, refusal.Message);
    }

    private static Task WriteStatusAsync(HttpContext context, int status)
    {
        var (code, message) = ApiErrorWriter.ForStatus(status);
        return ApiErrorWriter.WriteAsync(context, status, code, message);
    }
}
