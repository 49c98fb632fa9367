namespace Boltly.Features.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);

/// <summary>A subscription, never its secret. <c>enabled</c> is false once deliveries failed for 3 days (<c>disabled_at</c> says when).</summary>
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, bool Enabled, DateTimeOffset? DisabledAt)
{
    public static WebhookResponse From(WebhookSubscription w) => new(w.Id, w.Url, w.Events, w.CreatedAt, w.Enabled, w.DisabledAt);
}

/// <summary>The create response: <c>signing_secret</c> is shown this once.</summary>
public sealed record CreatedWebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string SigningSecret);
