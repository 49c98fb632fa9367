using Boltly.Platform.Caching;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Re-reads the keys in use <see cref="PassesPerLifetime"/> times per cache lifetime (<see cref="ApiKeyValidator.RefreshInUseAsync"/>):
/// without it every key's record expired and was reloaded on its own once per lifetime, 1,000 keys in use being 1,000
/// statements a minute, all at once when they were first loaded together (bench/RESULTS.md, b2). A pass that fails
/// or is late costs nothing but that: the entries then expire at the end of their lifetime and are reloaded one by one.
/// </summary>
public sealed class ApiKeyRecordRefresher(ApiKeyValidator validator, IOptions<CacheOptions> cache, TimeProvider clock,
    ILogger<ApiKeyRecordRefresher> logger) : BackgroundService
{
    /// <summary>Passes per cache lifetime: a key used in one period is refreshed at its end, two periods before its
    /// entry would expire, so a late pass still finds it alive.</summary>
    public const int PassesPerLifetime = 3;

    /// <summary>The time between two passes.</summary>
    public static TimeSpan Period(CacheOptions options) => TimeSpan.FromSeconds(options.EntrySeconds) / PassesPerLifetime;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period(cache.Value), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try { await validator.RefreshInUseAsync(stoppingToken); }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning("Refreshing the API keys in use failed; their entries expire and reload one by one: {Error}", ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
