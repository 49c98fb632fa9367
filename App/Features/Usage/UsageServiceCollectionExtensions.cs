using Boltly.Features.ApiKeys;
using Boltly.Features.Usage.Pages;
using Boltly.Platform.Batching;
using Microsoft.Extensions.Options;
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
        // Hosted services stop in reverse: the request log and the counts are flushed before the rollup writer stops.
        services.AddBatchWriter<UsageRollupWriter>(sp => TimeSpan.FromSeconds(Usage(sp).RollupFlushSeconds), flushOnStop: false);
        services.AddBatchWriter<UsageCounter>(sp => TimeSpan.FromSeconds(Usage(sp).CounterPushSeconds));
        services.AddBatchWriter<RequestLogQueue>(sp => TimeSpan.FromSeconds(Usage(sp).RequestLogFlushSeconds));
        services.AddSingleton<IUsageReader, UsageReader>();
        services.AddSingleton<UsagePurge>();
        services.AddScheduledJob<UsagePurge>();
        services.AddSingleton<RequestLogTrim>();
        services.AddScheduledJob<RequestLogTrim>();
        // The key's usage and recent requests on the key's page, which knows only the section (ApiKeyPageSection).
        services.AddSingleton(new ApiKeyPageSection(typeof(ApiKeyUsageSection)));
        // Where a key was used from, for a rolling key's page and the allowlist editor (IApiKeyUse, which ApiKeys defines).
        services.AddSingleton<IApiKeyUse, ApiKeyUseReader>();
        return builder;
    }

    private static UsageOptions Usage(IServiceProvider sp) => sp.GetRequiredService<IOptions<UsageOptions>>().Value;

    /// <summary>The request id and usage recording, placed by the pipeline outside the API's error handling.</summary>
    public static IApplicationBuilder UseBoltlyUsage(this IApplicationBuilder app) => app.UseMiddleware<RequestUsageMiddleware>();
}
