using Boltly.Platform.Api;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.Metrics;

namespace Boltly.Platform.RateLimiting;

/// <summary>
/// On the API's branch: counts every authenticated <c>/v1</c> request, per API key or per user for sessions, against
/// the limits of <see cref="RateLimitOptions"/>, shared by all instances through Redis. Every counted response carries
/// the limit headers; a refused one answers 429 with <c>Retry-After</c>. Runs after authentication,
/// before authorization, so refusals of any kind are counted too.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, RateLimitPolicies policies, BenchMeasurements? bench = null)
{
    private readonly bool _off = bench?.WithoutRateLimit == true;

    // Not an async frame of its own unless the count is still on its way (ADR 0033).
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<InvalidKeyThrottled>() is { } throttled) return RefuseAsync(context, throttled.Decision);

        var caller = context.GetCaller();
        if (caller is null || _off) return next(context);

        var pending = caller.Kind == CredentialKind.ApiKey
            ? policies.HitApiKeyAsync(caller.ApiKeyId!.Value)
            : policies.HitSessionAsync(caller.UserId!.Value);
        return pending.IsCompletedSuccessfully ? Decided(context, pending.Result) : DecidedAsync(context, pending);
    }

    private async Task DecidedAsync(HttpContext context, ValueTask<RateLimitDecision> pending) => await Decided(context, await pending);

    private Task Decided(HttpContext context, RateLimitDecision decision)
    {
        context.Features.Set(decision);
        if (!decision.Allowed) return RefuseAsync(context, decision);
        WriteHeaders(context.Response, decision);
        return next(context);
    }

    public static void WriteHeaders(HttpResponse response, RateLimitDecision d)
    {
        var headers = response.Headers;
        headers["X-RateLimit-Limit"] = RateLimitHeaderValues.Number(d.Limit);
        headers["X-RateLimit-Remaining"] = RateLimitHeaderValues.Number(d.Remaining);
        headers["X-RateLimit-Reset"] = RateLimitHeaderValues.Number(d.ResetSeconds);
        // IETF draft-ietf-httpapi-ratelimit-headers: the policy (quota q per window w) and the current state.
        headers["RateLimit-Policy"] = RateLimitHeaderValues.Policy(d);
        headers["RateLimit"] = $"\"{d.Policy}\";r={d.Remaining};t={d.ResetSeconds}";
    }

    /// <summary>The 429 in the contract's format, with the limit headers and <c>Retry-After</c>.</summary>
    public static Task RefuseAsync(HttpContext context, RateLimitDecision decision)
    {
        // Every 429 passes here, whichever limit refused (docs/metrics.md).
        context.RequestServices.GetService<BoltlyMetrics>()?.RateLimitRefused(decision.Policy);
        WriteHeaders(context.Response, decision);
        context.Response.Headers.RetryAfter = RateLimitHeaderValues.Number(decision.ResetSeconds);
        return ApiErrorWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded,
            $"Rate limit exceeded, retry in {decision.ResetSeconds} seconds");
    }
}
