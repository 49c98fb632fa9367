using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.Caching;

/// <summary>The two-tier cache (memory, then Redis) that every access decision reads through.</summary>
public sealed class CacheOptions
{
    public const string Section = "Cache";

    /// <summary>How long a cached key record or security stamp lives in either tier: the outer bound for a
    /// change whose eviction message was lost (an eviction normally reaches every instance well within a second).</summary>
    [Range(1, 3600)] public int EntrySeconds { get; set; } = 60;

    /// <summary>The secret (base64, at least 32 bytes) that authenticates every value read back from Redis
    /// (<see cref="ResilientDistributedCache"/>); the same on every instance. Required outside Development.</summary>
    public string? MacKey { get; set; }

    public const int MinimumMacKeyBytes = 32;

    /// <summary>The decoded <see cref="MacKey"/>, or null when it is missing, not base64 or too short.</summary>
    public byte[]? MacKeyBytes()
    {
        if (string.IsNullOrWhiteSpace(MacKey)) return null;
        var buffer = new byte[MacKey.Length];
        return Convert.TryFromBase64String(MacKey, buffer, out var length) && length >= MinimumMacKeyBytes ? buffer[..length] : null;
    }
}
