namespace Boltly.Features.Usage;

/// <summary>
/// A range the dashboard charts: the last 24 hours by hour, the last 7 or 30 days by day (docs/dashboard.md). The
/// window ends at the end of the current hour or day, so the bucket in progress is the last bar.
/// </summary>
public sealed record UsageChartRange(string Id, string Label, int Buckets, UsageGranularity Granularity)
{
    public static readonly UsageChartRange Day = new("24h", "24 hours", 24, UsageGranularity.Hour);
    public static readonly UsageChartRange Week = new("7d", "7 days", 7, UsageGranularity.Day);
    public static readonly UsageChartRange Month = new("30d", "30 days", 30, UsageGranularity.Day);

    /// <summary>The ranges offered, shortest first; the first is the default.</summary>
    public static readonly IReadOnlyList<UsageChartRange> All = [Day, Week, Month];

    /// <summary>The range with this id, or the default.</summary>
    public static UsageChartRange Parse(string? id) => All.FirstOrDefault(r => r.Id == id) ?? Day;

    /// <summary>One bucket's length.</summary>
    public TimeSpan Step => Granularity switch
    {
        UsageGranularity.Minute => TimeSpan.FromMinutes(1),
        UsageGranularity.Hour => TimeSpan.FromHours(1),
        _ => TimeSpan.FromDays(1),
    };

    /// <summary>[from, to) at <paramref name="now"/>, in UTC, on bucket boundaries.</summary>
    public (DateTimeOffset From, DateTimeOffset To) Window(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var start = new DateTimeOffset(utc.UtcTicks - utc.UtcTicks % Step.Ticks, TimeSpan.Zero);
        var to = start + Step;
        return (to - Step * Buckets, to);
    }

    /// <summary>Every bucket of the window, in order, zero where the reader had none (it may skip empty ones); a finer
    /// bucket is added to the one it falls in, and one outside the window is left out.</summary>
    public IReadOnlyList<UsageBucket> Fill(IReadOnlyList<UsageBucket> buckets, DateTimeOffset from)
    {
        var counts = new UsageCounts[Buckets];
        Array.Fill(counts, UsageCounts.Zero);
        foreach (var b in buckets)
        {
            var slot = (b.Start - from).Ticks / Step.Ticks;
            if (b.Start >= from && slot < Buckets) counts[slot] = Add(counts[slot], b.Counts);
        }
        return counts.Select((c, i) => new UsageBucket(from + Step * i, c)).ToList();
    }

    private static UsageCounts Add(UsageCounts a, UsageCounts b) => new(
        a.Success + b.Success, a.ClientError + b.ClientError, a.ServerError + b.ServerError, a.RateLimited + b.RateLimited,
        a.InsufficientScope + b.InsufficientScope, a.IpNotAllowed + b.IpNotAllowed, a.Revoked + b.Revoked, a.Expired + b.Expired);
}
