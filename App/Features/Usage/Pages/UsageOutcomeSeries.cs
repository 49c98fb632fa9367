namespace Boltly.Features.Usage.Pages;

/// <summary>
/// How the dashboard names and colours each usage outcome (docs/dashboard.md), in stacking order: success at the
/// bottom, then errors, then the refusals. A colour stays with its outcome whatever else a chart shows.
/// </summary>
public static class UsageOutcomeSeries
{
    /// <summary>One outcome: its contract name, its label, its colour, and how to read it from counts.</summary>
    public sealed record Outcome(string Name, string Label, string Color, Func<UsageCounts, long> Of, bool IsRefusal);

    public static readonly IReadOnlyList<Outcome> All =
    [
        new("success", "Successful", "#2e7d32", c => c.Success, false),
        new("client_error", "Client errors", "#ef6c00", c => c.ClientError, false),
        new("server_error", "Server errors", "#c62828", c => c.ServerError, false),
        new("rate_limited", "Rate limited", "#6a1b9a", c => c.RateLimited, true),
        new("insufficient_scope", "Insufficient scope", "#1565c0", c => c.InsufficientScope, true),
        new("ip_not_allowed", "Address not allowed", "#00838f", c => c.IpNotAllowed, true),
        new("revoked", "Revoked key", "#4e342e", c => c.Revoked, true),
        new("expired", "Expired key", "#546e7a", c => c.Expired, true),
    ];

    /// <summary>Requests refused before they reached the API (rate limit, scope, address, revoked or expired key).</summary>
    public static long Refused(UsageCounts counts) => All.Where(o => o.IsRefusal).Sum(o => o.Of(counts));

    /// <summary>Requests that reached the API and failed (4xx other than the refusals, 5xx).</summary>
    public static long Failed(UsageCounts counts) => counts.ClientError + counts.ServerError;

    /// <summary>The outcomes with at least one request in <paramref name="buckets"/>.</summary>
    public static IReadOnlyList<Outcome> Present(IEnumerable<UsageBucket> buckets)
    {
        var list = buckets.ToList();
        return All.Where(o => list.Any(b => o.Of(b.Counts) > 0)).ToList();
    }
}
