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
public sealed class PasswordsController(UserManager<AppUser> users, PasswordChangeService passwords) : ControllerBase
{
    [EndpointName("changePassword")]
    [EndpointSummary("Change the password")]
    [HttpPost("change-password")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> ChangePassword(ChangePasswordRequest request, CancellationToken ct)
    {
        if (await CurrentUserAsync() is not { } user) return ApiResults.Unauthorized();
        var errors = await passwords.ChangeAsync(user, request.CurrentPassword, request.NewPassword, request.ConfirmPassword ?? request.NewPassword,
            HttpContext.GetClientInfo(), ct);
        return errors is null
            ? NoContent()
            : ApiResults.Error(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The request is not valid.", errors);
    }

    private async Task<AppUser?> CurrentUserAsync() =>
        Caller.From(User)?.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
}
