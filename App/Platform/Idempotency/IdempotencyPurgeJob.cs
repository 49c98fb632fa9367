using Boltly.Platform.Scheduling;

namespace Boltly.Platform.Idempotency;

/// <summary>Deletes expired Idempotency-Key records hourly, on one instance (docs/scheduled-work.md); an
/// expired key is also taken over on reuse, so the purge only keeps the table small.</summary>
public sealed partial class IdempotencyPurgeJob(IdempotencyStore store, ILogger<IdempotencyPurgeJob> logger) : IScheduledJob
{
    public string Name => "idempotency.purge-expired";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var purged = await store.PurgeExpiredAsync(cancellationToken);
        if (purged > 0) LogPurged(logger, purged);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired idempotency records")]
    private static partial void LogPurged(ILogger logger, int count);
}
