namespace Boltly.Platform.Idempotency;

/// <summary>Deletes expired Idempotency-Key records hourly (an expired key is also taken over on reuse).</summary>
public sealed class IdempotencyPurger(IdempotencyStore store, TimeProvider clock, ILogger<IdempotencyPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var purged = await store.PurgeExpiredAsync(stoppingToken);
                if (purged > 0) logger.LogInformation("Purged {Count} expired idempotency records", purged);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Purging expired idempotency records failed");
            }
        }
    }
}
