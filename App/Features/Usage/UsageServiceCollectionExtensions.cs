using Boltly.Features.ApiKeys;
using Boltly.Features.Usage.Pages;
using Boltly.Platform.Scheduling;

namespace Boltly.Features.Usage;

public static class UsageServiceCollectionExtensions
{
    /// <summary>Per-key usage by outcome and the request log (docs/usage.md): counting in memory and Redis, rollups
    /// and the log written in batches, the retention purge, and the readers the API and the dashboard use.</summary>
    public static WebApplicationBuilder AddBoltlyUsage(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<UsageOptions>().BindConfiguration(UsageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddMetrics();
        services.AddSingleton<UsageCounter>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageCounter>());
        services.AddSingleton<UsageRollupWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageRollupWriter>());
        services.AddSingleton<RequestLogQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<RequestLogQueue>());
        services.AddSingleton<IUsageReader, UsageReader>();
        services.AddSingleton<UsagePurge>();
        services.AddScheduledJob<UsagePurge>();
        // The key's usage and recent requests on the key's page, which knows only the section (ApiKeyPageSection).
        services.AddSingleton(new ApiKeyPageSection(typeof(ApiKeyUsageSection)));
        return builder;
    }

    /// <summary>The request id and usage recording, placed by the pipeline outside the API's error handling.</summary>
    public static IApplicationBuilder UseBoltlyUsage(this IApplicationBuilder app) => app.UseMiddleware<RequestUsageMiddleware>();
}
