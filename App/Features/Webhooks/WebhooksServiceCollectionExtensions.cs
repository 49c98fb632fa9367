namespace Boltly.Features.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    /// <summary>Webhook subscriptions of an account, and the policy every target passes.</summary>
    public static WebApplicationBuilder AddBoltlyWebhooks(this WebApplicationBuilder builder)
    {
        var environment = builder.Environment;
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
            // Loopback receivers are for a developer's machine and the tests; anywhere else the switch is a mistake.
            .Validate(o => o.AllowLoopback != true || environment.IsDevelopment() || environment.IsEnvironment("Testing"),
                "Webhooks:AllowLoopback is allowed only in the Development and Testing environments.")
            .ValidateOnStart();
        builder.Services.AddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        builder.Services.AddSingleton<WebhookTargetPolicy>();
        builder.Services.AddScoped<WebhookService>();
        return builder;
    }
}
