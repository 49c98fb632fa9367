namespace Boltly.Infrastructure.Redis;

public sealed class RedisOptions
{
    public const string Section = "Redis";
    /// <summary>Prefix of every key and channel, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "boltly:";
}
