using Boltly.Platform.Errors;

namespace Boltly.Features.Usage;

/// <summary>A usage query's range and granularity, with the defaults: hour buckets over the last 24 hours;
/// minute buckets default to the last hour, day buckets to the last 30 days (docs/usage.md).</summary>
public sealed record UsageRange(DateTimeOffset From, DateTimeOffset To, UsageGranularity Granularity)
{
    private static readonly DateTimeOffset Earliest = DateTimeOffset.UnixEpoch;

    public static UsageRange Parse(DateTimeOffset? from, DateTimeOffset? to, string? granularity, DateTimeOffset now)
    {
        var g = granularity switch
        {
            null or "" or "hour" => UsageGranularity.Hour,
            "minute" => UsageGranularity.Minute,
            "day" => UsageGranularity.Day,
            _ => throw new DomainValidationException("granularity", "granularity must be minute, hour or day."),
        };
        var end = to ?? now;
        if (end < Earliest || from < Earliest)
            throw new DomainValidationException(to < Earliest ? "to" : "from", "Dates before 1970 hold no usage.");
        var start = from ?? end - DefaultSpan(g);
        if (start >= end) throw new DomainValidationException("from", "from must be before to.");
        return new UsageRange(start, end, g);
    }

    public string GranularityName => Granularity.ToString().ToLowerInvariant();

    private static TimeSpan DefaultSpan(UsageGranularity g) => g switch
    {
        UsageGranularity.Minute => TimeSpan.FromHours(1),
        UsageGranularity.Hour => TimeSpan.FromHours(24),
        _ => TimeSpan.FromDays(30),
    };
}
