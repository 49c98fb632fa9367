using Boltly.Features.ApiKeys;
using Boltly.Platform.Data;
using Boltly.Platform.Errors;
using Boltly.Platform.Http;
using Boltly.Platform.Metrics;

namespace Boltly.Features.Usage;

/// <summary>
/// On the API's branch: gives every response its <c>X-Request-Id</c>, and once the response is decided counts a
/// request made with a key (valid, or known and refused as revoked or expired) to that key and queues it for
/// the key's request log. Runs outside the API's error handling, so it sees the status the caller got.
/// On the hot path: no lock and no allocation beyond the request id (docs/usage.md, ADR 0019).
/// </summary>
public sealed class RequestUsageMiddleware(RequestDelegate next, UsageCounter counter, RequestLogQueue log, BoltlyMetrics metrics,
    TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var id = MonotonicUuidV7.NewRequestId();
        // Ours, never the caller's: a caller-chosen id could collide with or impersonate another request's (ADR 0019).
        context.Response.Headers[RequestIds.Header] = RequestIds.Format(id);
        var at = clock.GetUtcNow();
        var started = clock.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            Record(context, id, at, started);
        }
    }

    private void Record(HttpContext context, Guid id, DateTimeOffset at, long started)
    {
        Guid accountId, keyId;
        UsageOutcome outcome;
        var status = context.Response.StatusCode;
        if (context.Features.Get<ApiKeyFeature>() is { } used)
        {
            (accountId, keyId) = (used.Key.AccountId, used.Key.Id);
            outcome = UsageOutcomes.Of(status, status >= StatusCodes.Status400BadRequest ? ApiErrorWriter.WrittenCode(context) : null);
        }
        else if (context.Features.Get<RefusedApiKeyFeature>() is { } refused)
        {
            (accountId, keyId) = (refused.AccountId, refused.KeyId);
            outcome = refused.IpNotAllowed ? UsageOutcome.IpNotAllowed : refused.Expired ? UsageOutcome.Expired : UsageOutcome.Revoked;
        }
        else return;

        counter.Record(accountId, keyId, outcome, at);
        // The operators' view of the same outcome, without the key (docs/metrics.md).
        metrics.KeyRequest(UsageOutcomes.Names[(int)outcome]);
        var request = context.Request;
        log.Enqueue(new PendingRequest(id, accountId, keyId, at, request.Method, request.Path.Value ?? "/", status,
            (int)Math.Min(int.MaxValue, clock.GetElapsedTime(started).TotalMilliseconds),
            context.Connection.RemoteIpAddress, request.Headers.UserAgent.Count > 0 ? request.Headers.UserAgent.ToString() : null));
    }
}
