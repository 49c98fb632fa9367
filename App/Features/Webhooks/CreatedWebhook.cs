namespace Boltly.Features.Webhooks;

/// <summary>A subscription just created and its signing secret, which exists in plain text only here.</summary>
public sealed record CreatedWebhook(WebhookSubscription Subscription, string SigningSecret)
{
    // ToString (records print their members) must never show the secret.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Subscription.Id);
        return true;
    }
}
