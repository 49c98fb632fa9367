using System.Text.Json;
using System.Text.Json.Serialization;
using Boltly.Platform.Api;
using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Boltly.Features.Passkeys;

/// <summary>
/// Reads a passkey endpoint's JSON body, after the endpoint checked antiforgery (nothing is bound before): a body that
/// is not JSON, has a field the endpoint does not know or is too large is the contract's <c>400 VALIDATION_FAILED</c>
/// (or <c>413</c>), never the framework's problem details or the serializer's message.
/// </summary>
internal static class PasskeyRequestBody
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>The body as <typeparamref name="T"/> (null when there is none), or the refusal to answer with.</summary>
    public static async Task<(T? Value, IResult? Refusal)> ReadAsync<T>(HttpContext context, int maxBytes) where T : class
    {
        if (context.Request.ContentLength > maxBytes) return (null, TooLarge());
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = maxBytes;
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            // Over the limit, or cut short by the client (its answer then goes nowhere, but nothing is logged as a fault).
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge()
                : Error(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The request body could not be read."));
        }
        if (body.Length > maxBytes) return (null, TooLarge());
        if (body.Length == 0) return (null, null);
        try
        {
            return (JsonSerializer.Deserialize<T>(body, Json), null);
        }
        catch (JsonException e)
        {
            var (field, message) = JsonInputErrors.Describe(e.Path ?? "$", e);
            return (null, Error(StatusCodes.Status400BadRequest, ErrorCodes.ValidationFailed, "The request body is not valid JSON for this endpoint.",
                new Dictionary<string, string[]> { [field] = [message] }));
        }
    }

    public static IResult Error(int status, string code, string message, IReadOnlyDictionary<string, string[]>? details = null) =>
        Results.Json(new ApiError(code, message, details), statusCode: status);

    private static IResult TooLarge() =>
        Error(StatusCodes.Status413PayloadTooLarge, ErrorCodes.PayloadTooLarge, "The request body is too large.");
}
