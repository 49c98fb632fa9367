using Boltly.Features.Auth;
using Boltly.Features.Passwords;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.OpenApi;
using Boltly.Platform.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Boltly.Features.SignIn;

/// <summary>Sign-in for apps: token pairs, rotation, sign-out (docs/auth.md, "API sign-in").</summary>
[ApiController]
[Tags(ApiTags.SignIn)]
[Route("v1/auth")]
[AllowAnonymous]
[Produces("application/json")]
public sealed class AuthController(IPasswordSignInMethod passwords, RefreshTokenService refreshTokens,
    MfaChallengeService mfa, TwoFactorSignInService twoFactorSignIn, RateLimitPolicies limits) : ControllerBase
{
    [EndpointName("login")]
    [EndpointSummary("Sign in with email and password")]
    [HttpPost("login")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK)]
    [ProducesResponseType<MfaRequiredResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> Login(LoginRequest request, CancellationToken ct)
    {
        var result = await passwords.CheckAsync(request.Email!, request.Password!, HttpContext.GetClientInfo(), ct);
        switch (result.Outcome)
        {
            case PasswordCheckOutcome.Succeeded:
                return Ok(await refreshTokens.IssueAsync(result.User!, HttpContext.GetClientInfo(), ct));
            case PasswordCheckOutcome.RequiresTwoFactor:
                return Ok(new MfaRequiredResponse(true, mfa.Issue(result.User!)));
            case PasswordCheckOutcome.Throttled:
                return ApiResults.TooManyRequests(Response, result.RetryAfterSeconds);
            default:
                return ApiResults.Error(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, ErrorCodes.InvalidCredentialsMessage);
        }
    }

    /// <summary>The second step after <c>mfa_required</c>: a TOTP code or a recovery code. Every failure
    /// answers exactly like a wrong password, and counts towards the account's lockout.</summary>
    [EndpointName("loginTwoFactor")]
    [EndpointSummary("Finish sign-in with a two-factor code")]
    [HttpPost("login/2fa")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> LoginTwoFactor(LoginTwoFactorRequest request, CancellationToken ct)
    {
        var result = await twoFactorSignIn.CompleteChallengeAsync(request.MfaToken, request.Code, HttpContext.GetClientInfo(), ct);
        return result.Outcome switch
        {
            PasswordCheckOutcome.Succeeded => Ok(await refreshTokens.IssueAsync(result.User!, HttpContext.GetClientInfo(), ct)),
            PasswordCheckOutcome.Throttled => ApiResults.TooManyRequests(Response, result.RetryAfterSeconds),
            _ => ApiResults.Error(StatusCodes.Status401Unauthorized, ErrorCodes.InvalidCredentials, ErrorCodes.InvalidCredentialsMessage),
        };
    }

    [EndpointName("refreshToken")]
    [EndpointSummary("Rotate a refresh token for a new pair")]
    [HttpPost("refresh")]
    [ProducesResponseType<TokenPair>(StatusCodes.Status200OK)]
    [ProducesResponseType<ApiError>(StatusCodes.Status401Unauthorized)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> Refresh(RefreshRequest request, CancellationToken ct)
    {
        if (await ThrottledAsync() is { } throttled) return throttled;
        var pair = await refreshTokens.RotateAsync(request.RefreshToken!, HttpContext.GetClientInfo(), ct);
        return pair is null ? ApiResults.Unauthorized("The refresh token is invalid, expired or already used.") : Ok(pair);
    }

    [EndpointName("logout")]
    [EndpointSummary("Sign out: revoke the refresh token family")]
    [HttpPost("logout")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ApiError>(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> Logout(RefreshRequest request, CancellationToken ct)
    {
        if (await ThrottledAsync() is { } throttled) return throttled;
        await refreshTokens.RevokeFamilyAsync(request.RefreshToken!, ct);
        return NoContent();
    }

    /// <summary>Refresh and sign-out are unauthenticated: limited per client address (docs/security.md).</summary>
    private async Task<IActionResult?> ThrottledAsync()
    {
        var decision = await limits.HitTokenAsync(HttpContext.GetClientInfo().Address);
        if (decision.Allowed) return null;
        RateLimitMiddleware.WriteHeaders(Response, decision);
        return ApiResults.TooManyRequests(Response, decision.ResetSeconds);
    }
}
