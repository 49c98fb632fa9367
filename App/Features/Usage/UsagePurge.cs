using Boltly.Platform.Data;
using Boltly.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Usage;

/// <summary>
/// Enforces retention: minute rollups 48 hours, hour rollups 30 days, day rollups 1 year, logged requests 7 days
/// (from <see cref="UsageOptions"/>). The scheduler runs it on one instance at a time (docs/scheduled-work.md);
/// the readers never show a logged request past its retention, whether or not this has run yet.
/// </summary>
public sealed class UsagePurge(IOptions<UsageOptions> options) : IScheduledJob
{
    public string Name => "usage-purge";

    public TimeSpan Interval => TimeSpan.FromMinutes(options.Value.PurgeMinutes);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var purged = await PurgeAsync(services.GetRequiredService<AppDbContext>(), services.GetRequiredService<TimeProvider>().GetUtcNow(), cancellationToken);
        if (purged > 0) services.GetRequiredService<ILogger<UsagePurge>>().LogInformation("Purged {Count} usage rows past retention", purged);
    }

    /// <summary>Deletes what is past retention at <paramref name="now"/>; returns the number of rows deleted.</summary>
    public async Task<int> PurgeAsync(AppDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var minutes = now.AddHours(-o.MinuteRetentionHours);
        var hours = now.AddDays(-o.HourRetentionDays);
        var days = now.AddDays(-o.DayRetentionDays);
        var requests = now.AddDays(-o.RequestLogDays);
        // The purge serves every account: the account filter is lifted.
        var deleted = await db.UsageRollups.IgnoreQueryFilters().Where(r =>
                (r.Granularity == UsageGranularity.Minute && r.Start < minutes) ||
                (r.Granularity == UsageGranularity.Hour && r.Start < hours) ||
                (r.Granularity == UsageGranularity.Day && r.Start < days))
            .ExecuteDeleteAsync(cancellationToken);
        return deleted + await db.RequestLog.IgnoreQueryFilters().Where(r => r.At < requests).ExecuteDeleteAsync(cancellationToken);
    }
}
