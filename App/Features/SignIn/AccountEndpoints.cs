using Boltly.Features.SecurityEvents;
using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Features.SignIn;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (a GET would let any page sign people out).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, IAntiforgery antiforgery, SignInManager<AppUser> signIn,
            SecurityEventRecorder events, SessionService sessions) =>
        {
            // The antiforgery middleware only records its verdict; a minimal-API endpoint that binds no
            // form never reads it, so the token is checked here: another site cannot sign people out.
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Json(new ApiError(ErrorCodes.ValidationFailed, "The sign-out form has expired. Reload the page and sign out again."),
                    statusCode: StatusCodes.Status400BadRequest);
            var caller = Caller.From(context.User);
            // The session ends on the server first: a copy of the cookie is refused from now on, everywhere.
            if (caller?.UserId is { } userId && SessionClaims.SessionId(context.User) is { } sessionId)
                await sessions.EndAsync(userId, sessionId, SessionEndReasons.SignOut, CancellationToken.None);
            await signIn.SignOutAsync();
            if (caller is not null)
                await events.RecordAsync(SecurityEventTypes.SignOut, SecurityEventOutcomes.Success, context.GetClientInfo(), caller.UserId, caller.AccountId);
            return Results.LocalRedirect("/account/login");
        }).AllowAnonymous().DisableRequestTimeout();
        return endpoints;
    }
}
