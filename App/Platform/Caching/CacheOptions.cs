using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.Caching;

/// <summary>The two-tier cache (memory, then Redis) that every access decision reads through.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>How long a cached key record or security stamp lives in either tier: the outer bound for a
    /// change whose eviction message was lost (an eviction normally reaches every instance well within a second).</summary>
    [Range(1, 3600)] public int EntrySeconds { get; set; } = 60;
}
