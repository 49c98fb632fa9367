using System.Diagnostics.Metrics;

namespace Boltly.Platform.Metrics;

/// <summary>
/// The operators' instruments of the "Boltly" meter (docs/metrics.md). Cheap when nothing listens: with
/// <c>/metrics</c> off no listener is attached and each call is a check of a flag. Tags are fixed, low-cardinality
/// words (an outcome, a policy name, a cache name), never a key, a user or an address.
/// </summary>
public sealed class BoltlyMetrics
{
    /// <summary>The meter's name, as a collector subscribes to it.</summary>
    public const string MeterName = "Boltly";

    /// <summary>Requests made with an API key, by outcome (the usage outcomes of docs/usage.md).</summary>
    public const string KeyRequestsName = "boltly.api_key.requests";

    /// <summary>Requests refused with 429, by rate-limit policy.</summary>
    public const string RateLimitRefusalsName = "boltly.rate_limit.refusals";

    /// <summary>Cache lookups by cache and result (hit, miss): the hit ratio is hits over all.</summary>
    public const string CacheLookupsName = "boltly.cache.lookups";

    /// <summary>Seconds from an eviction's publish on one instance to its eviction on another, by entry kind.</summary>
    public const string InvalidationPropagationName = "boltly.cache.invalidation.propagation";

    /// <summary>A lookup answered from the cache (memory or Redis).</summary>
    public const string Hit = "hit";

    /// <summary>A lookup that went to PostgreSQL.</summary>
    public const string Miss = "miss";

    private readonly Counter<long> _keyRequests;
    private readonly Counter<long> _rateLimitRefusals;
    private readonly Counter<long> _cacheLookups;
    private readonly Histogram<double> _propagation;

    public BoltlyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _keyRequests = meter.CreateCounter<long>(KeyRequestsName, "{request}", "Requests made with an API key, by outcome.");
        _rateLimitRefusals = meter.CreateCounter<long>(RateLimitRefusalsName, "{request}", "Requests refused by a rate limit, by policy.");
        _cacheLookups = meter.CreateCounter<long>(CacheLookupsName, "{lookup}", "Cache lookups, by cache and result (hit or miss).");
        _propagation = meter.CreateHistogram<double>(InvalidationPropagationName, "s",
            "Time from publishing a cache eviction to evicting it on a receiving instance.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = PropagationBuckets });
    }

    // From a millisecond to ten seconds: a healthy eviction arrives within a few milliseconds; past the cache
    // lifetime (CacheOptions.EntrySeconds) the entry would have expired on its own anyway.
    private static readonly double[] PropagationBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>One request made with a key, with its usage outcome (<c>success</c>, <c>revoked</c>, …).</summary>
    public void KeyRequest(string outcome)
    {
        if (_keyRequests.Enabled) _keyRequests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
    }

    /// <summary>One request refused by the rate limit <paramref name="policy"/>.</summary>
    public void RateLimitRefused(string policy)
    {
        if (_rateLimitRefusals.Enabled) _rateLimitRefusals.Add(1, new KeyValuePair<string, object?>("policy", policy));
    }

    /// <summary>One lookup in the cache named <paramref name="cache"/>: a hit, or a miss that read the database.</summary>
    public void CacheLookup(string cache, bool hit)
    {
        if (_cacheLookups.Enabled)
            _cacheLookups.Add(1, new KeyValuePair<string, object?>("cache", cache), new KeyValuePair<string, object?>("result", hit ? Hit : Miss));
    }

    /// <summary>An eviction of an entry of <paramref name="kind"/> arrived <paramref name="delay"/> after it was published.</summary>
    public void EvictionPropagated(string kind, TimeSpan delay)
    {
        if (_propagation.Enabled)
            _propagation.Record(Math.Max(0, delay.TotalSeconds), new KeyValuePair<string, object?>("kind", kind));
    }
}
