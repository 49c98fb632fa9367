using Microsoft.AspNetCore.Mvc;

namespace Boltly.Platform.Errors;

/// <summary>Action results in the contract's error format.</summary>
public static class ApiResults
{
    public static ObjectResult Error(int status, string code, string message, IReadOnlyDictionary<string, string[]>? details = null) =>
        new(new ApiError(code, message, details)) { StatusCode = status, ContentTypes = { "application/json" } };

    public static ObjectResult Unauthorized(string message = ErrorCodes.AuthenticationRequiredMessage) =>
        Error(StatusCodes.Status401Unauthorized, ErrorCodes.Unauthorized, message);

    public static ObjectResult NotFound(string message = "No such resource.") =>
        Error(StatusCodes.Status404NotFound, ErrorCodes.NotFound, message);

    public static ObjectResult Validation(string field, string message) =>
        Error(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The request is not valid.",
            new Dictionary<string, string[]> { [field] = [message] });

    public static ObjectResult TooManyRequests(HttpResponse response, int retryAfterSeconds)
    {
        response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Error(StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded, $"Rate limit exceeded, retry in {retryAfterSeconds} seconds");
    }
}
