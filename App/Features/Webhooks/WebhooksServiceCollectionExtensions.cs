namespace Boltly.Features.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Webhook subscriptions of an account.</summary>
    public static WebApplicationBuilder AddBoltlyWebhooks(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<WebhookService>();
        return builder;
    }
}
