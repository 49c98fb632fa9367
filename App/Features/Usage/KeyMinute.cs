namespace Boltly.Features.Usage;

/// <summary>One key in one minute (minutes since the Unix epoch, UTC): the unit usage is counted in.</summary>
public readonly record struct KeyMinute(Guid AccountId, Guid KeyId, long Minute)
{
    public static long MinuteOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 60;

    public static DateTimeOffset StartOf(long minute) => DateTimeOffset.FromUnixTimeSeconds(minute * 60);

    /// <summary>The Redis hash of this key-minute's totals, after the deployment's prefix.</summary>
    public string RedisKey(string prefix) => $"{prefix}usage:{AccountId:N}:{KeyId:N}:{Minute}";

    /// <summary>Reads <see cref="RedisKey"/> back; false for anything else.</summary>
    public static bool TryParse(string redisKey, string prefix, out KeyMinute keyMinute)
    {
        keyMinute = default;
        if (!redisKey.StartsWith(prefix + "usage:", StringComparison.Ordinal)) return false;
        var parts = redisKey[(prefix.Length + "usage:".Length)..].Split(':');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var account) || !Guid.TryParseExact(parts[1], "N", out var key)
            || !long.TryParse(parts[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minute))
            return false;
        keyMinute = new KeyMinute(account, key, minute);
        return true;
    }
}
