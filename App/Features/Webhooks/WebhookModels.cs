namespace Boltly.Features.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);

/// <summary>A subscription, never its secret. <c>enabled</c> is false once deliveries failed for 3 days (<c>disabled_at</c> says when).</summary>
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, bool Enabled, DateTimeOffset? DisabledAt)
{
    public static WebhookResponse From(WebhookSubscription w) => new(w.Id, w.Url, w.Events, w.CreatedAt, w.Enabled, w.DisabledAt);
}

/// <summary>The create response: <c>signing_secret</c> is shown this once.</summary>
public sealed record CreatedWebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string SigningSecret);

/// <summary>A rotation: how long the previous secret keeps signing beside the new one (default 86400, at most 604800; 0 ends it at once).</summary>
public sealed record RotateWebhookSecretRequest(int? OverlapSeconds);

/// <summary>The rotate response: the new <c>signing_secret</c>, shown this once, and when the previous one stops signing
/// (null when it stopped at once).</summary>
public sealed record RotatedWebhookSecretResponse(Guid Id, string SigningSecret, DateTimeOffset? PreviousSecretExpiresAt);

/// <summary>Redeliver every event whose delivery failed since <c>since</c> (at most 3 days back).</summary>
public sealed record RedeliverWebhookRequest(DateTimeOffset? Since);

/// <summary>How many events were sent again.</summary>
public sealed record RedeliverWebhookResponse(int Redelivered);
