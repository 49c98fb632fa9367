using Boltly.Platform.Api;
using Boltly.Platform.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Errors;

/// <summary>
/// On the API's branch: every failure leaves as the contract's JSON, never an HTML page or a stack trace.
/// Enforces the body limit, maps an unreachable database or Redis to 503, and gives bare status codes
/// (unknown route, wrong method, challenges) a JSON body.
/// </summary>
public sealed class ApiErrorMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IHostEnvironment environment,
    ILogger<ApiErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var limit = options.Value.MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            await WriteStatusAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is over the limit of {limit} bytes.");
            return;
        }
        var sizeFeature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false }) sizeFeature.MaxRequestBodySize = limit;

        // No loopback exception: behind a local proxy every request looks loopback. A TLS-terminating proxy
        // must be listed in ForwardedHeaders:KnownProxies so its X-Forwarded-Proto: https is believed.
        if (options.Value.RequireHttps && !environment.IsDevelopment() && !context.Request.IsHttps)
        {
            // Refused, not redirected: a redirect would already have sent the credential in clear text.
            await ApiErrorWriter.WriteAsync(context, StatusCodes.Status403Forbidden, ErrorCodes.HttpsRequired,
                "The API is served over HTTPS only. Repeat the request with https://, and consider the credential you sent exposed.");
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteStatusAsync(context, ex.StatusCode, $"The request body is over the limit of {limit} bytes.");
            return;
        }
        catch (BadHttpRequestException ex)
        {
            await WriteStatusAsync(context, ex.StatusCode, "The request could not be read.");
            return;
        }
        catch (Exception ex) when (DatabaseFailure.IsUnavailable(ex))
        {
            logger.LogWarning("Database unavailable while serving {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, ex.GetType().Name);
            await WriteStatusAsync(context, StatusCodes.Status503ServiceUnavailable, "The database is unavailable. Try again shortly.");
            return;
        }
        catch (Exception ex) when (RedisFailure.IsUnavailable(ex))
        {
            logger.LogWarning("Redis unavailable while serving {Method} {Path}: {Error}", context.Request.Method, context.Request.Path, ex.GetType().Name);
            await WriteStatusAsync(context, StatusCodes.Status503ServiceUnavailable, "A service this request needs is unavailable. Try again shortly.");
            return;
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Unhandled error serving {Method} {Path}", context.Request.Method, context.Request.Path);
            await WriteStatusAsync(context, StatusCodes.Status500InternalServerError, "An unexpected error occurred.");
            return;
        }

        if (context.Response.HasStarted || context.Response.StatusCode < 400) return;
        if (context.Response.ContentLength is > 0 || context.Response.ContentType is not null) return;
        var (code, message) = ApiErrorWriter.ForStatus(context.Response.StatusCode);
        await ApiErrorWriter.WriteAsync(context, context.Response.StatusCode, code, message);
    }

    private static Task WriteStatusAsync(HttpContext context, int status, string message)
    {
        if (context.Response.HasStarted) return Task.CompletedTask;
        // Clearing drops the headers; the request id set before stays, so the caller can quote it.
        var requestId = context.Response.Headers[RequestIds.Header];
        context.Response.Clear();
        if (requestId.Count > 0) context.Response.Headers[RequestIds.Header] = requestId;
        var (code, _) = ApiErrorWriter.ForStatus(status);
        return ApiErrorWriter.WriteAsync(context, status, code, message);
    }
}
