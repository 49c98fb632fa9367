namespace Boltly.Platform.RateLimiting;

public static class RateLimitingServiceCollectionExtensions
{
    /// <summary>Every rate limit's policy (<see cref="RateLimitPolicies"/>) and the shared fixed-window counters.</summary>
    public static WebApplicationBuilder AddBoltlyRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<WindowRateLimiter>();
        builder.Services.AddSingleton<RateLimitPolicies>();
        return builder;
    }
}
