using Boltly.Features.ApiKeys.Leaks;
using Boltly.Features.ApiKeys.Notices;
using Boltly.Features.ApiKeys.Policy;
using Boltly.Platform.Scheduling;

namespace Boltly.Features.ApiKeys;

public static class KeyLifecycleServiceCollectionExtensions
{
    /// <summary>The key lifecycle beyond create and revoke: the account key policy, expiry and idle notices (a cluster-wide
    /// job), and leaked-key reports.</summary>
    public static IServiceCollection AddBoltlyKeyLifecycle(this IServiceCollection services)
    {
        services.AddOptions<KeyNoticeOptions>().BindConfiguration(KeyNoticeOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LeakedKeyOptions>().BindConfiguration(LeakedKeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<KeyPolicies>();
        services.AddScoped<KeyNoticeFinder>();
        services.AddScoped<KeyNoticeRecorder>();
        services.AddScoped<KeyNoticeDigests>();
        services.AddScheduledJob<KeyNoticesJob>();
        services.AddSingleton<GitHubSignature>();
        services.AddScoped<LeakedKeyService>();
        return services;
    }
}
