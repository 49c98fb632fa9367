using System.Security.Cryptography;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Boltly.Platform.Idempotency;

/// <summary>
/// The one implementation of <c>Idempotency-Key</c> for POST endpoints, per API key or user, for 24 hours:
/// the first request claims the key (an INSERT under a unique index) and its response is stored; a
/// retry with the same request gets that response again and creates nothing; the same key with a
/// different request is 409 IDEMPOTENCY_CONFLICT. A concurrent duplicate waits for the first to finish.
/// A request that fails with 5xx or an exception releases the key, so it can be retried.
/// </summary>
public sealed class IdempotencyFilter(IdempotencyStore store, IOptions<IdempotencyOptions> options, TimeProvider clock,
    ILogger<IdempotencyFilter> logger)
    : IAsyncResourceFilter
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Headers.TryGetValue(IdempotentAttribute.HeaderName, out var values))
        {
            await next();
            return;
        }
        var caller = Caller.From(http.User);
        if (caller is null)
        {
            await next();
            return;
        }
        var key = values.ToString();
        if (values.Count != 1 || key.Length == 0 || key.Length > options.Value.MaxKeyLength || key.Any(c => c < 0x20 || c > 0x7e))
        {
            context.Result = ApiResults.Validation(IdempotentAttribute.HeaderName,
                $"The Idempotency-Key header is 1 to {options.Value.MaxKeyLength} printable ASCII characters, sent once.");
            return;
        }
        var owner = caller.ApiKeyId is { } keyId ? $"key:{keyId:N}" : $"user:{caller.UserId:N}";
        var hash = await HashRequestAsync(http.Request);
        var ct = http.RequestAborted;

        var deadline = clock.GetUtcNow().AddSeconds(options.Value.InProgressWaitSeconds);
        while (true)
        {
            if (await store.TryClaimAsync(owner, key, hash, ct))
            {
                await ExecuteAndStoreAsync(context, next, owner, key);
                return;
            }
            var record = await store.FindAsync(owner, key, ct);
            if (record is null) continue; // released or expired between the two statements: claim again
            if (record.RequestHash != hash)
            {
                context.Result = ApiResults.Error(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyConflict,
                    "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
                return;
            }
            if (record.Completed)
            {
                context.Result = new ReplayedResponse(record);
                return;
            }
            if (clock.GetUtcNow() >= deadline)
            {
                context.Result = ApiResults.Error(StatusCodes.Status409Conflict, ErrorCodes.IdempotencyConflict,
                    "A request with this Idempotency-Key is still being processed. Retry shortly.");
                return;
            }
            await Task.Delay(PollInterval, clock, ct);
        }
    }

    private async Task ExecuteAndStoreAsync(ResourceExecutingContext context, ResourceExecutionDelegate next, string owner, string key)
    {
        var response = context.HttpContext.Response;
        var original = response.Body;
        await using var buffer = new MemoryStream();
        response.Body = buffer;
        ResourceExecutedContext executed;
        try
        {
            executed = await next();
        }
        catch
        {
            response.Body = original;
            await ReleaseAsync(owner, key);
            throw;
        }
        response.Body = original;

        // An exception in the action or its result does not come out of next(): it rides on the executed
        // context and MVC rethrows it after this filter. The response here is then the untouched default
        // (200, empty), which must never be stored and replayed. Exceptions an exception filter turned into
        // a response (400, 404, 409…) are handled and stored like any other answer.
        if (executed.Exception is not null && !executed.ExceptionHandled)
        {
            await ReleaseAsync(owner, key);
            return;
        }

        var body = buffer.ToArray();
        try
        {
            // 5xx is released so a retry runs again. A request whose client went away after the action
            // finished is still stored: the work was done, and the retry must get it, not repeat it.
            if (response.StatusCode < 500 && body.Length <= options.Value.MaxStoredResponseBytes)
                await store.CompleteAsync(owner, key, response.StatusCode, response.ContentType, response.Headers.Location.ToString() is { Length: > 0 } l ? l : null,
                    body, CancellationToken.None);
            else
                await store.ReleaseAsync(owner, key);
        }
        catch (Exception ex)
        {
            // The request itself succeeded; losing the stored response only means a retry runs again.
            logger.LogWarning(ex, "Could not store the idempotent response for {Owner}", owner);
            await ReleaseAsync(owner, key);
        }
        await original.WriteAsync(body, context.HttpContext.RequestAborted);
    }

    // Never masks the request's own outcome: a claim left behind only makes retries wait, then expires.
    private async Task ReleaseAsync(string owner, string key)
    {
        try
        {
            await store.ReleaseAsync(owner, key);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not release the Idempotency-Key claim of {Owner}", owner);
        }
    }

    private static async Task<string> HashRequestAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0) sha.AppendData(chunk, 0, read);
        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private sealed class ReplayedResponse(IdempotencyRecord record) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = record.ResponseStatus ?? StatusCodes.Status200OK;
            if (record.ResponseContentType is { } type) response.ContentType = type;
            if (record.ResponseLocation is { } location) response.Headers.Location = location;
            response.Headers[IdempotentAttribute.ReplayedHeaderName] = "true";
            if (record.ResponseBody is { Length: > 0 } body) await response.Body.WriteAsync(body, context.HttpContext.RequestAborted);
        }
    }
}
