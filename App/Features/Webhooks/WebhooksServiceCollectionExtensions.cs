using Boltly.Platform.Events;
using Boltly.Platform.Outbox;
using Boltly.Platform.Scheduling;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Webhook subscriptions of an account, the policy every target passes, the event outbox and the
    /// delivery worker that runs on every instance (docs/webhooks.md).</summary>
    public static WebApplicationBuilder AddBoltlyWebhooks(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
            // Loopback receivers are for a developer's machine and the tests; anywhere else the switch is a mistake.
            .Validate(o => o.AllowLoopback != true || environment.IsDevelopment() || environment.IsEnvironment("Testing"),
                "Webhooks:AllowLoopback is allowed only in the Development and Testing environments.")
            // A lease shorter than an attempt would let a second instance send while the first still waits.
            .Validate(o => o.LeaseSeconds > o.TimeoutSeconds + o.ResolveTimeoutSeconds,
                "Webhooks:LeaseSeconds must be longer than Webhooks:TimeoutSeconds plus Webhooks:ResolveTimeoutSeconds.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        builder.Services.AddSingleton<WebhookTargetPolicy>();
        builder.Services.AddScoped<WebhookService>();
        builder.Services.AddScoped<WebhookDeliveryService>();
        builder.Services.AddSingleton<WebhookEventOutbox>();
        builder.Services.AddEventType(WebhookEvents.Ping, "The test event: sent to one subscription on request (POST …/webhooks/{id}/test), " +
            "whatever events it asked for. `data` is the subscription.", new WebhookResponse(Guid.Parse("019ae5c1-1d88-7b9c-8a0f-1a2b3c4d5e09"),
                "https://example.com/boltly", [.. WebhookEvents.All], EventTypeCatalog.SampleTime, true, null));
        builder.Services.AddSingleton<IEventOutbox>(sp => sp.GetRequiredService<WebhookEventOutbox>());
        builder.Services.AddSingleton<WebhookDeliverySignal>();
        builder.Services.AddSingleton<WebhookDeliveryStore>();
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddSingleton<WebhookConnector>();
        // The retry schedule lives in the outbox (hours to days), not in a resilience pipeline: one POST per attempt,
        // every attempt recorded (docs/decisions/0016-webhook-outbox.md).
        builder.Services.AddHttpClient(WebhookSender.ClientName, (sp, client) =>
                client.Timeout = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<WebhookOptions>>().Value.TimeoutSeconds))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                // A proxy would be the address connected to, and the target's own would go unchecked.
                UseProxy = false,
                ConnectCallback = sp.GetRequiredService<WebhookConnector>().ConnectAsync,
            });
        builder.Services.AddOutbox<WebhookDeliveryHandler, ClaimedDelivery, WebhookAttemptOutcome>();
        builder.Services.AddScheduledJob<WebhookAttemptPurge>();
        return builder;
    }
}
