using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.ApiKeys;

public sealed class ApiKeyOptions
{
    public const string Section = "ApiKeys";
    [Range(1, 1000)] public int MaxActivePerAccount { get; set; } = 5;
    /// <summary>A revocation's eviction is published again after this delay: a lookup that read the row just
    /// before the revocation committed may have written its stale copy back to Redis after the first one.</summary>
    [Range(1, 60)] public int RevocationReEvictSeconds { get; set; } = 2;
    /// <summary>How long "no such key" is remembered, so a flood of one made-up key costs one query.</summary>
    [Range(1, 3600)] public int NegativeCacheSeconds { get; set; } = 10;
    /// <summary>How often last_used_at is written, in one batched UPDATE.</summary>
    [Range(1, 3600)] public int UsageFlushSeconds { get; set; } = 60;
    [Range(1, 200)] public int MaxNameLength { get; set; } = 64;
}
