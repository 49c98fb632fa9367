using Boltly.Features.Sessions;
using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Passwords;

/// <summary>
/// The signed-in person's password (docs/passwords.md). Session-only: an API key must never change a password. A change
/// ends every session of the user, the calling one included: its access token is refused from now on.
/// </summary>
[ApiController]
[Tags(ApiTags.AccountSecurity)]
[Route("v1/auth")]
[SessionOnly]
[Produces("application/json")]
public sealed class PasswordsController(UserManager<AppUser> users, PasswordChangeService passwords, CallerResolver callers) : ControllerBase
{
    [EndpointName("changePassword")]
    [EndpointSummary("Change the password, or set a first one")]
    [EndpointDescription("A user with a password gives it as `current_password` (400 VALIDATION_FAILED on `current_password` when it is " +
        "missing or wrong; a wrong one counts towards lockout). A user without one (a member who joined with a passkey) leaves " +
        "`current_password` out to set a first password: that needs the session's re-authentication window (signed in or " +
        "re-authenticated within 10 minutes), else 403 REAUTHENTICATION_REQUIRED; sending `current_password` then is a 400 on it. " +
        "`new_password` follows the password rules (400 on `new_password`); `confirm_password` is optional and must match when sent. " +
        "Either way the user's other sessions end and every refresh token is revoked.")]
    [HttpPost("change-password")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status403Forbidden)]
    public async Task<IActionResult> ChangePassword(ChangePasswordRequest request, CancellationToken ct)
    {
        // Resolved for this request: an ended session changes nothing (SessionEndedException is a 401).
        var caller = await callers.ResolveAsync(User, ct);
        if (caller.UserId is not { } userId || await users.FindByIdAsync(userId.ToString()) is not { } user) return ApiResults.Unauthorized();
        var errors = await passwords.ChangeAsync(caller, user, request.CurrentPassword, request.NewPassword,
            request.ConfirmPassword ?? request.NewPassword, HttpContext.GetClientInfo(), ct);
        return errors is null
            ? NoContent()
            : ApiResults.Error(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The request is not valid.", errors);
    }
}
