using Boltly.Platform.Data;
using Boltly.Platform.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Boltly.Features.ApiKeys;

/// <summary>Deletes the retired-key alert rows of past days (<see cref="RetiredKeyAlert"/>): a row only has to exist for
/// its own UTC day, so the once-a-day rule holds; yesterday's is kept for a request that crosses midnight. Runs on one
/// instance at a time (docs/scheduled-work.md).</summary>
public sealed class RetiredKeyAlertPurge(TimeProvider clock) : IScheduledJob
{
    public string Name => "api-keys.purge-retired-key-alerts";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var before = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(-1);
        var contexts = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.RetiredKeyAlerts.Where(a => a.Day < before).ExecuteDeleteAsync(cancellationToken);
    }
}
