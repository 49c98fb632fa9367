using Boltly.Platform.Scheduling;

namespace Boltly.Platform.Idempotency;

public static class IdempotencyServiceCollectionExtensions
{
    /// <summary><c>Idempotency-Key</c> on the endpoints marked <see cref="IdempotentAttribute"/>, and the purge of old records.</summary>
    public static WebApplicationBuilder AddBoltlyIdempotency(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IdempotencyStore>();
        services.AddScoped<IdempotencyFilter>();
        services.AddScheduledJob<IdempotencyPurgeJob>();
        return builder;
    }
}
