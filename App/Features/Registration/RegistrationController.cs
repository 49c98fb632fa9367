using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.Registration;

/// <summary>Sign-up, email confirmation and password reset over the API (docs/registration.md). Every request that
/// may send a mail answers 202 whether or not the address has an account.</summary>
[ApiController]
[Tags(ApiTags.SignIn)]
[Route("v1/auth")]
[Produces("application/json")]
public sealed class RegistrationController(SignUpService signUp, PasswordResetService passwordReset) : ControllerBase
{
    private const string SignUpClosedMessage = "Sign-up is turned off on this portal: ask an account owner for an invitation.";

    [EndpointName("signUp")]
    [EndpointSummary("Create an account and its owner")]
    [EndpointDescription("Creates the account and its owner and emails a link that confirms the address (valid 24 hours, once). " +
        "An address that already has an account gets an email saying someone tried, and nothing changes: the answer is the same 202 " +
        "either way. Until the address is confirmed, key, webhook and member changes answer 403 EMAIL_UNCONFIRMED. " +
        "404 when sign-up is turned off (Auth:AllowSignUp).")]
    [HttpPost("signup")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status404NotFound)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> SignUp(SignUpRequest request, CancellationToken ct) =>
        Answer(await signUp.SignUpAsync(new NewSignUp(request.AccountName, request.Email, request.Password), HttpContext.GetClientInfo(), ct));

    [EndpointName("confirmEmail")]
    [EndpointSummary("Confirm an email address with the token from its link")]
    [HttpPost("confirm-email")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> ConfirmEmail(ConfirmEmailRequest request, [FromServices] AccountMailLimits limits, CancellationToken ct)
    {
        if (await limits.HitAsync(HttpContext.GetClientInfo().Address, null) is { } throttled) return Answer(throttled);
        return await signUp.ConfirmEmailAsync(request.Token, HttpContext.GetClientInfo(), ct)
            ? NoContent()
            : ApiResults.Validation(SignUpService.TokenField, SignUpService.InvalidLinkMessage);
    }

    [EndpointName("resendEmailConfirmation")]
    [EndpointSummary("Email the signed-in user a new confirmation link")]
    [EndpointDescription("202 whether or not a mail was sent (none once the address is confirmed). Session only.")]
    [HttpPost("confirm-email/resend")]
    [SessionOnly]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> ResendConfirmation(CancellationToken ct) =>
        Answer(await signUp.ResendConfirmationAsync(Caller.From(User)!, HttpContext.GetClientInfo(), ct));

    [EndpointName("requestPasswordReset")]
    [EndpointSummary("Email a password-reset link")]
    [EndpointDescription("Emails a link valid 1 hour, once, when the address has an account; 202 either way.")]
    [HttpPost("password-reset")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> RequestPasswordReset(PasswordResetRequest request, CancellationToken ct) =>
        Answer(await passwordReset.RequestAsync(request.Email, HttpContext.GetClientInfo(), ct));

    [EndpointName("confirmPasswordReset")]
    [EndpointSummary("Set a new password with the token from a reset link")]
    [EndpointDescription("`code` (a TOTP or recovery code) is required when the user has two-factor authentication on. " +
        "Every session of the user ends. 400 VALIDATION_FAILED names the field at fault: token, new_password or code.")]
    [HttpPost("password-reset/confirm")]
    [AllowAnonymous]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> ConfirmPasswordReset(PasswordResetConfirmRequest request, CancellationToken ct)
    {
        var result = await passwordReset.ResetAsync(request.Token, request.NewPassword, request.Code, HttpContext.GetClientInfo(), ct);
        return result.Outcome == AccountMailOutcome.Accepted ? NoContent() : Answer(result);
    }

    private IActionResult Answer(AccountMailResult result) => result.Outcome switch
    {
        AccountMailOutcome.Accepted => Accepted(),
        AccountMailOutcome.Throttled => ApiResults.TooManyRequests(Response, result.RetryAfterSeconds),
        _ => ApiResults.NotFound(SignUpClosedMessage),
    };
}
