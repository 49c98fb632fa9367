using Microsoft.Extensions.Options;
using Boltly.Platform.Batching;
using Boltly.Platform.Scheduling;
using Boltly.Platform.Auth;
using Boltly.Platform.Errors;
using Boltly.Platform.OpenApi;
using Microsoft.AspNetCore.Authentication;

namespace Boltly.Features.ApiKeys;

public static class ApiKeysServiceCollectionExtensions
{
    /// <summary>API keys: creation and the key limit (<see cref="ApiKeyOptions.MaxActivePerAccount"/>), the cached validator and its refresh of the keys in use, revocation (<see cref="ApiKeyRevocation"/>), batched
    /// last-use writes, and the <c>X-API-Key</c> authentication scheme.</summary>
    public static WebApplicationBuilder AddBoltlyApiKeys(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ApiKeyRevocation>();
        services.AddSingleton<ApiKeyValidator>();
        services.AddBatchWriter<ApiKeyRecordRefresher>(sp =>
            ApiKeyRecordRefresher.Period(sp.GetRequiredService<IOptions<Boltly.Platform.Caching.CacheOptions>>().Value), flushOnStop: false);
        services.AddBatchWriter<ApiKeyUsageTracker>(sp =>
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ApiKeyOptions>>().Value.UsageFlushSeconds));
        services.AddBatchWriter<RetiredKeyAlarm>(sp =>
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ApiKeyOptions>>().Value.RetiredKeyAlarmFlushSeconds));
        services.AddScheduledJob<RetiredKeyAlertPurge>();
        services.AddScoped<ApiKeyService>();
        services.AddScoped<ApiKeyRolls>();
        services.AddBoltlyKeyLifecycle();
        // The key limit as the OpenAPI document shows it: the configured number, in the exception's own words.
        services.AddSingleton(sp =>
        {
            var limit = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApiKeyOptions>>().Value.MaxActivePerAccount;
            return new DocumentedConflict("key_limit_reached", ErrorCodes.KeyLimitReached, new KeyLimitReachedException(limit).Message,
                $"the account has {limit} active keys");
        });
        ApiKeyEventTypes.Register(services);
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null);
        return builder;
    }
}
