using System.Globalization;
using Boltly.Domain.Auth;
using Boltly.Infrastructure.Auth;
using Boltly.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace Boltly.Infrastructure.RateLimiting;

/// <summary>
/// Counts every authenticated <c>/v1</c> request: 120 a minute per API key, 600 per user for
/// sessions (from options), shared by all instances through Redis. Every counted response carries
/// the limit headers; a refused one answers 429 with <c>Retry-After</c>. Runs after authentication,
/// before authorization, so refusals of any kind are counted too.
/// </summary>
public sealed class RateLimitMiddleware(RequestDelegate next, WindowRateLimiter limiter, IOptions<RateLimitOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!ApiErrorWriter.IsApiRequest(context))
        {
            await next(context);
            return;
        }

        if (context.Features.Get<InvalidKeyThrottled>() is { } throttled)
        {
            await RefuseAsync(context, throttled.Decision, "per-address");
            return;
        }

        var caller = context.GetCaller();
        if (caller is null)
        {
            await next(context);
            return;
        }

        var o = options.Value;
        var (bucket, limit, policy) = caller.Kind == CredentialKind.ApiKey
            ? ("key:" + caller.ApiKeyId, o.ApiKeyPerWindow, "per-key")
            : ("user:" + caller.UserId, o.SessionPerWindow, "per-user");
        var decision = await limiter.HitAsync(bucket, limit, o.WindowSeconds);
        context.Features.Set(decision);
        if (!decision.Allowed)
        {
            await RefuseAsync(context, decision, policy);
            return;
        }
        WriteHeaders(context.Response, decision, policy);
        await next(context);
    }

    public static void WriteHeaders(HttpResponse response, RateLimitDecision d, string policy)
    {
        var headers = response.Headers;
        headers["X-RateLimit-Limit"] = d.Limit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = d.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = d.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        // IETF draft-ietf-httpapi-ratelimit-headers: the policy (quota q per window w) and the current state.
        headers["RateLimit-Policy"] = $"\"{policy}\";q={d.Limit};w={d.WindowSeconds}";
        headers["RateLimit"] = $"\"{policy}\";r={d.Remaining};t={d.ResetSeconds}";
    }

    private static Task RefuseAsync(HttpContext context, RateLimitDecision decision, string policy)
    {
        WriteHeaders(context.Response, decision, policy);
        context.Response.Headers.RetryAfter = decision.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        return ApiErrorWriter.WriteAsync(context, StatusCodes.Status429TooManyRequests, ErrorCodes.RateLimitExceeded,
            $"Rate limit exceeded, retry in {decision.ResetSeconds} seconds");
    }
}
