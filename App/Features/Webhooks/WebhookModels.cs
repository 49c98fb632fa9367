namespace Boltly.Features.Webhooks;

public sealed record CreateWebhookRequest(string? Url, IReadOnlyList<string>? Events);

public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt)
{
    public static WebhookResponse From(WebhookSubscription w) => new(w.Id, w.Url, w.Events, w.CreatedAt);
}

/// <summary>The create response: <c>signing_secret</c> is shown this once.</summary>
public sealed record CreatedWebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, string SigningSecret);
