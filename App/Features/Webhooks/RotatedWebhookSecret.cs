namespace Boltly.Features.Webhooks;

/// <summary>A subscription whose secret was just rotated, the new secret (in plain text only here) and when the previous
/// one stops signing (null: it stopped at once).</summary>
public sealed record RotatedWebhookSecret(WebhookSubscription Subscription, string SigningSecret, DateTimeOffset? PreviousSecretExpiresAt)
{
    // ToString (records print their members) must never show the secret.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Id = ").Append(Subscription.Id).Append(", PreviousSecretExpiresAt = ").Append(PreviousSecretExpiresAt);
        return true;
    }
}
