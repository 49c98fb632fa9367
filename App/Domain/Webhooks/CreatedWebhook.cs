namespace Boltly.Domain.Webhooks;

/// <summary>A subscription just created and its signing secret, which exists in plain text only here.</summary>
public sealed record CreatedWebhook(WebhookSubscription Subscription, string SigningSecret);
