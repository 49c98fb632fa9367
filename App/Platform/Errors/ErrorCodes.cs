namespace Boltly.Platform.Errors;

/// <summary>The error codes of the API (docs/errors.md).</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string InvalidCredentials = "INVALID_CREDENTIALS";
    public const string SessionRequired = "SESSION_REQUIRED";
    public const string ReauthenticationRequired = "REAUTHENTICATION_REQUIRED";
    public const string InsufficientScope = "INSUFFICIENT_SCOPE";
    public const string InsufficientRole = "INSUFFICIENT_ROLE";
    public const string IpNotAllowed = "IP_NOT_ALLOWED";
    public const string EmailUnconfirmed = "EMAIL_UNCONFIRMED";
    public const string Forbidden = "FORBIDDEN";
    public const string CrossSiteRequestRefused = "CROSS_SITE_REQUEST_REFUSED";
    public const string NotFound = "NOT_FOUND";
    public const string MethodNotAllowed = "METHOD_NOT_ALLOWED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string KeyLimitReached = "KEY_LIMIT_REACHED";
    public const string ContactExists = "CONTACT_EXISTS";
    public const string IdempotencyConflict = "IDEMPOTENCY_CONFLICT";
    public const string TemplateExists = "TEMPLATE_EXISTS";
    public const string InvalidState = "INVALID_STATE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string HttpsRequired = "HTTPS_REQUIRED";
    public const string InternalError = "INTERNAL_ERROR";
    public const string ServiceUnavailable = "SERVICE_UNAVAILABLE";

    public const string AuthenticationRequiredMessage = "Authentication required";
    public const string InvalidCredentialsMessage = "Invalid email or password.";
    public const string ReauthenticationRequiredMessage =
        "This action needs a recent sign-in. Re-authenticate with POST /v1/auth/reauthenticate and try again.";
    public const string EmailUnconfirmedMessage =
        "Confirm your email address first: follow the link we emailed you, or ask for a new one with POST /v1/auth/confirm-email/resend.";
    public const string SessionRequiredMessage =
        "This endpoint requires browser session authentication. API keys cannot be used for this operation.";
}
