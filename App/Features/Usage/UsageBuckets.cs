namespace Boltly.Features.Usage;

/// <summary>Bucket arithmetic in UTC: where a bucket starts and how long it lasts.</summary>
public static class UsageBuckets
{
    public static TimeSpan Length(UsageGranularity granularity) => granularity switch
    {
        UsageGranularity.Minute => TimeSpan.FromMinutes(1),
        UsageGranularity.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>The start of the bucket holding <paramref name="at"/>.</summary>
    public static DateTimeOffset Floor(DateTimeOffset at, UsageGranularity granularity)
    {
        var ticks = Length(granularity).Ticks;
        var utc = at.UtcTicks;
        return new DateTimeOffset(utc - utc % ticks, TimeSpan.Zero);
    }

    /// <summary>The start of the first bucket at or after <paramref name="at"/>.</summary>
    public static DateTimeOffset Ceiling(DateTimeOffset at, UsageGranularity granularity)
    {
        var floor = Floor(at, granularity);
        return floor == at.ToUniversalTime() ? floor : floor + Length(granularity);
    }

    /// <summary>How many buckets [from, to) spans, from and to aligned.</summary>
    public static long Count(DateTimeOffset from, DateTimeOffset to, UsageGranularity granularity) =>
        (Ceiling(to, granularity) - Floor(from, granularity)).Ticks / Length(granularity).Ticks;
}
