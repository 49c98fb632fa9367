using System.Globalization;

namespace Boltly.Components.Shared;

/// <summary>"in 30 days", "5 minutes ago": how the dashboard shows instants, with the absolute time on hover.</summary>
public static class RelativeTime
{
    public static string Format(DateTimeOffset when, DateTimeOffset now)
    {
        var delta = when - now;
        var future = delta > TimeSpan.Zero;
        var span = delta.Duration();
        if (span < TimeSpan.FromMinutes(1)) return future ? "in less than a minute" : "just now";
        var amount = span switch
        {
            { TotalMinutes: < 59.5 } => Count(span.TotalMinutes, "minute"),
            { TotalHours: < 23.5 } => Count(span.TotalHours, "hour"),
            { TotalDays: < 45 } => Count(span.TotalDays, "day"),
            { TotalDays: < 345 } => Count(span.TotalDays / 30.44, "month"),
            _ => Count(span.TotalDays / 365.25, "year"),
        };
        return future ? $"in {amount}" : $"{amount} ago";
    }

    /// <summary>The absolute instant, in UTC so that everyone reading it sees the same time.</summary>
    public static string Absolute(DateTimeOffset when) =>
        when.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>For a <c>&lt;time datetime&gt;</c> attribute.</summary>
    public static string Machine(DateTimeOffset when) => when.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string Count(double value, string unit)
    {
        var n = Math.Max(1, (int)Math.Round(value, MidpointRounding.AwayFromZero));
        return n == 1 ? $"1 {unit}" : $"{n} {unit}s";
    }
}
