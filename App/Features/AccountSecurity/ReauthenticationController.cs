using Boltly.Features.Sessions;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.AccountSecurity;

/// <summary>Re-authentication of the signed-in person's session (docs/sessions.md). Session only.</summary>
[ApiController]
[Tags(ApiTags.Sessions)]
[Route("v1/auth")]
[SessionOnly]
[Produces("application/json")]
public sealed class ReauthenticationController(IReauthentication reauthentication, CallerResolver callers) : ControllerBase
{
    [EndpointName("reauthenticate")]
    [EndpointSummary("Re-authenticate for sensitive actions")]
    [EndpointDescription("Proves the caller's identity again with `password`, or `code` (TOTP or recovery code), and opens the " +
        "re-authentication window (10 minutes by default) for the actions that answer 403 REAUTHENTICATION_REQUIRED. " +
        "A wrong password or code counts towards the account's lockout, like a failed sign-in.")]
    [HttpPost("reauthenticate")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> Reauthenticate(ReauthenticateRequest request, CancellationToken ct)
    {
        var byPassword = !string.IsNullOrEmpty(request.Password);
        if (!byPassword && string.IsNullOrEmpty(request.Code))
            return ApiResults.Validation("password", "Give your password or a current code.");
        if (byPassword && !string.IsNullOrEmpty(request.Code))
            return ApiResults.Validation("code", "Give either your password or a code, not both.");
        var result = await reauthentication.ReauthenticateAsync(await callers.ResolveAsync(User, ct), request.Password, request.Code, HttpContext.GetClientInfo(), ct);
        return result.Outcome switch
        {
            ReauthenticationOutcome.Succeeded => NoContent(),
            ReauthenticationOutcome.Throttled => ApiResults.TooManyRequests(Response, result.RetryAfterSeconds),
            ReauthenticationOutcome.NoSession => ApiResults.Unauthorized(),
            _ => byPassword
                ? ApiResults.Validation("password", "The password is not right.")
                : ApiResults.Validation("code", "The code is not valid."),
        };
    }
}
