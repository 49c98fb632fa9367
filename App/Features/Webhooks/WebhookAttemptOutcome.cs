namespace Boltly.Features.Webhooks;

/// <summary>What one POST came to: a status code (and the start of the body), or an error.</summary>
public sealed record WebhookAttemptOutcome(int? StatusCode, string? Error, int DurationMs, string? ResponseBody)
{
    /// <summary>Any 2xx is delivered; redirects are not followed and count as failures.</summary>
    public bool Delivered => StatusCode is >= 200 and < 300;
}
