using Boltly.Platform.Accounts;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.TwoFactor;

/// <summary>
/// The signed-in person's two-factor authentication (docs/two-factor.md). Session-only: an API key must never turn
/// 2FA off. Each change ends every session of the user, the calling one included: its access token is refused from now on.
/// </summary>
[ApiController]
[Tags(ApiTags.AccountSecurity)]
[Route("v1/auth")]
[SessionOnly]
[Produces("application/json")]
public sealed class TwoFactorController(UserManager<AppUser> users, TwoFactorService twoFactor) : ControllerBase
{
    private const string WrongCode = "The code is not valid. Enter the current code from your authenticator app.";

    [EndpointName("getTwoFactorStatus")]
    [EndpointSummary("Get the two-factor status")]
    [HttpGet("two-factor")]
    [ProducesResponseType<TwoFactorStatusResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Status(CancellationToken ct)
    {
        if (await CurrentUserAsync() is not { } user) return ApiResults.Unauthorized();
        return Ok(TwoFactorStatusResponse.From(await twoFactor.GetStatusAsync(user, ct)));
    }

    [EndpointName("setUpTwoFactor")]
    [EndpointSummary("Start two-factor setup")]
    [HttpPost("two-factor/setup")]
    [RequiresReauthentication]
    [ProducesResponseType<TwoFactorSetupResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Setup()
    {
        if (await CurrentUserAsync() is not { } user) return ApiResults.Unauthorized();
        Response.Headers.CacheControl = "no-store";
        return Ok(TwoFactorSetupResponse.From(await twoFactor.BeginSetupAsync(Caller.From(User)!, user)));
    }

    [EndpointName("enableTwoFactor")]
    [EndpointSummary("Turn two-factor authentication on")]
    [HttpPost("two-factor/enable")]
    [RequiresReauthentication]
    [ProducesResponseType<RecoveryCodesResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Enable(TwoFactorCodeRequest request, CancellationToken ct)
    {
        if (await CurrentUserAsync() is not { } user) return ApiResults.Unauthorized();
        var codes = await twoFactor.EnableAsync(Caller.From(User)!, user, request.Code, HttpContext.GetClientInfo(), ct);
        if (codes is null) return ApiResults.Validation("code", WrongCode);
        Response.Headers.CacheControl = "no-store";
        return Ok(new RecoveryCodesResponse(codes));
    }

    [EndpointName("disableTwoFactor")]
    [EndpointSummary("Turn two-factor authentication off")]
    [HttpPost("two-factor/disable")]
    [RequiresReauthentication]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Disable(TwoFactorDisableRequest request, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(request.Password) && string.IsNullOrEmpty(request.Code))
            return ApiResults.Validation("password", "Enter your password or a current code.");
        if (await CurrentUserAsync() is not { } user) return ApiResults.Unauthorized();
        return await twoFactor.DisableAsync(Caller.From(User)!, user, request.Password, request.Code, HttpContext.GetClientInfo(), ct)
            ? NoContent()
            : ApiResults.Validation(string.IsNullOrEmpty(request.Password) ? "code" : "password",
                string.IsNullOrEmpty(request.Password) ? WrongCode : "The password is not right.");
    }

    [EndpointName("resetRecoveryCodes")]
    [EndpointSummary("Replace the recovery codes")]
    [HttpPost("two-factor/recovery-codes")]
    [RequiresReauthentication]
    [ProducesResponseType<RecoveryCodesResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> ResetRecoveryCodes(TwoFactorCodeRequest request, CancellationToken ct)
    {
        if (await CurrentUserAsync() is not { } user) return ApiResults.Unauthorized();
        var codes = await twoFactor.ResetRecoveryCodesAsync(Caller.From(User)!, user, request.Code, HttpContext.GetClientInfo(), ct);
        if (codes is null) return ApiResults.Validation("code", WrongCode);
        Response.Headers.CacheControl = "no-store";
        return Ok(new RecoveryCodesResponse(codes));
    }

    private async Task<AppUser?> CurrentUserAsync() =>
        Caller.From(User)?.UserId is { } id ? await users.FindByIdAsync(id.ToString()) : null;
}
