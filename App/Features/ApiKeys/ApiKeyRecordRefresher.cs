using Boltly.Platform.Caching;
using Boltly.Platform.Batching;

namespace Boltly.Features.ApiKeys;

/// <summary>
/// Re-reads the keys in use <see cref="PassesPerLifetime"/> times per cache lifetime (<see cref="ApiKeyValidator.RefreshInUseAsync"/>):
/// without it every key's record expired and was reloaded on its own once per lifetime, 1,000 keys in use being 1,000
/// statements a minute, all at once when they were first loaded together (bench/RESULTS.md, b2). A pass that fails
/// or is late costs nothing but that: the entries then expire at the end of their lifetime and are reloaded one by one.
/// Run by the platform's batch writer loop (<see cref="BatchWriterService{TWriter}"/>), with no pass on shutdown.
/// </summary>
public sealed class ApiKeyRecordRefresher(ApiKeyValidator validator, ILogger<ApiKeyRecordRefresher> logger) : IBatchWriter
{
    /// <summary>Passes per cache lifetime: a key used in one period is refreshed at its end, two periods before its
    /// entry would expire, so a late pass still finds it alive.</summary>
    public const int PassesPerLifetime = 3;

    /// <summary>The time between two passes.</summary>
    public static TimeSpan Period(CacheOptions options) => TimeSpan.FromSeconds(options.EntrySeconds) / PassesPerLifetime;

    /// <summary>One pass: re-reads the keys in use; returns 0 (the count of keys is the validator's).</summary>
    public async Task<int> FlushAsync(CancellationToken ct = default)
    {
        try { await validator.RefreshInUseAsync(ct); }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Refreshing the API keys in use failed; their entries expire and reload one by one: {Error}", ex.GetType().Name);
        }
        return 0;
    }
}
