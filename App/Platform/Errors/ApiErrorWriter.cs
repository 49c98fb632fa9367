using System.Text.Json;

namespace Boltly.Platform.Errors;

/// <summary>Writes the contract's JSON error body. The one place an error response is shaped.</summary>
public static class ApiErrorWriter
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const string WrittenCodeItem = "boltly:error-code";

    public static Task WriteAsync(HttpContext context, int status, string code, string message,
        IReadOnlyDictionary<string, string[]>? details = null)
    {
        context.Response.StatusCode = status;
        // Usage counting tells a missing scope from other refusals by the code written (docs/usage.md).
        context.Items[WrittenCodeItem] = code;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsJsonAsync(new ApiError(code, message, details), Json, "application/json; charset=utf-8");
    }

    /// <summary>The error code this request was answered with, null when no error body was written.</summary>
    public static string? WrittenCode(HttpContext context) =>
        context.Items.TryGetValue(WrittenCodeItem, out var code) ? code as string : null;

    /// <summary>The code and default sentence for a bare status code (a route or method miss, an auth challenge).</summary>
    public static (string Code, string Message) ForStatus(int status) => status switch
    {
        400 => (ErrorCodes.ValidationFailed, "The request is not valid."),
        401 => (ErrorCodes.Unauthorized, ErrorCodes.AuthenticationRequiredMessage),
        403 => (ErrorCodes.Forbidden, "You do not have access to this resource."),
        404 => (ErrorCodes.NotFound, "No such resource."),
        405 => (ErrorCodes.MethodNotAllowed, "This method is not allowed on this resource."),
        413 => (ErrorCodes.PayloadTooLarge, "The request body is too large."),
        415 => (ErrorCodes.UnsupportedMediaType, "Send the request body as JSON (Content-Type: application/json)."),
        429 => (ErrorCodes.RateLimitExceeded, "Rate limit exceeded."),
        503 => (ErrorCodes.ServiceUnavailable, "The service is temporarily unavailable. Try again shortly."),
        _ => (ErrorCodes.InternalError, "An unexpected error occurred."),
    };
}
