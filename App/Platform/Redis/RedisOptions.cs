namespace Boltly.Platform.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";
    /// <summary>Prefix of every key and channel, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "boltly:";
    /// <summary>The pub/sub channel (after the prefix) on which instances ask each other to evict cache entries.</summary>
    public string InvalidationChannel { get; set; } = "cache-invalidate";
}
