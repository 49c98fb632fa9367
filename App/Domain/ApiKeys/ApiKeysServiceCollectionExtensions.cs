using Boltly.Domain.Common;

namespace Boltly.Domain.ApiKeys;

public static class ApiKeysServiceCollectionExtensions
{
    /// <summary>API keys: creation and the 5-key rule, the cached validator, batched last-use writes; pagination.</summary>
    public static WebApplicationBuilder AddBoltlyApiKeys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PaginationOptions>().BindConfiguration(PaginationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Paginator>();
        services.AddSingleton<RevokedApiKeys>();
        services.AddHostedService(sp => sp.GetRequiredService<RevokedApiKeys>());
        services.AddSingleton<ApiKeyValidator>();
        services.AddSingleton<ApiKeyUsageTracker>();
        services.AddHostedService(sp => sp.GetRequiredService<ApiKeyUsageTracker>());
        services.AddScoped<ApiKeyService>();
        services.AddScoped<Webhooks.WebhookService>();
        return builder;
    }
}
