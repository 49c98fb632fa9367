namespace Boltly.Features.Webhooks;

/// <summary>What one POST came to: a status code (and the start of the body), or an error. <see cref="RetryAfter"/>:
/// the time a 429 or 503 receiver asked not to be called before (its <c>Retry-After</c>, seconds or a date).</summary>
public sealed record WebhookAttemptOutcome(int? StatusCode, string? Error, int DurationMs, string? ResponseBody, DateTimeOffset? RetryAfter = null)
{
    /// <summary>Any 2xx is delivered; redirects are not followed and count as failures.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;

    /// <summary>410 Gone: the receiver says the endpoint is no more; the subscription is disabled at once.</summary>
    public bool Gone => StatusCode == 410;
}
