using Boltly.Features.SignIn;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Antiforgery;

namespace Boltly.Features.Registration;

public static class RegistrationEndpoints
{
    /// <summary>The banner's resend: a form POST with an antiforgery token, back to the page it came from.</summary>
    public static IEndpointRouteBuilder MapRegistrationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ConfirmedEmail.ResendPath, async (HttpContext context, IAntiforgery antiforgery, SignUpService signUp) =>
        {
            // A minimal-API endpoint that binds no form never reads the antiforgery verdict: checked here.
            if (!await antiforgery.IsRequestValidAsync(context))
                return Results.Json(new ApiError(ErrorCodes.ValidationFailed, "The form has expired. Reload the page and try again."),
                    statusCode: StatusCodes.Status400BadRequest);
            if (Caller.From(context.User) is not { } caller || !caller.IsSession) return Results.LocalRedirect("/account/login");
            await signUp.ResendConfirmationAsync(caller, context.GetClientInfo(), context.RequestAborted);
            var back = AccountRedirects.SafeLocal(context.Request.Form["returnUrl"].ToString());
            return Results.LocalRedirect(back + (back.Contains('?') ? "&" : "?") + ConfirmedEmail.ResentQueryName + "=sent");
        }).AllowAnonymous().DisableRequestTimeout();
        return endpoints;
    }
}
