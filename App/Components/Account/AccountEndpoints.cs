using Boltly.Api.Common;
using Boltly.Domain.Auth;
using Boltly.Domain.Security;
using Microsoft.AspNetCore.Identity;

namespace Boltly.Components.Account;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (a GET would let any page sign people out).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/logout", async (HttpContext context, SignInManager<AppUser> signIn, SecurityEventRecorder events) =>
        {
            var caller = Caller.From(context.User);
            await signIn.SignOutAsync();
            if (caller is not null)
                await events.RecordAsync(SecurityEventTypes.SignOut, SecurityEventOutcomes.Success, context.GetClientInfo(), caller.UserId, caller.AccountId);
            return Results.LocalRedirect("/account/login");
        }).AllowAnonymous().DisableRequestTimeout();
        return endpoints;
    }
}
