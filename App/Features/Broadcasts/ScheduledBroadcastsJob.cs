using Boltly.Platform.Scheduling;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Broadcasts;

/// <summary>
/// Sends scheduled broadcasts at their time, once, on whichever instance runs the job
/// (docs/scheduled-work.md): the scheduler runs it on one instance at a time, and the send itself takes the
/// broadcast's row lock and refuses a broadcast already sent, so a hand-made send racing it sends nothing twice.
/// </summary>
public sealed partial class ScheduledBroadcastsJob(IOptions<BroadcastOptions> options, TimeProvider clock, ILogger<ScheduledBroadcastsJob> logger)
    : IScheduledJob
{
    public string Name => "broadcasts.send-scheduled";

    public TimeSpan Interval => TimeSpan.FromSeconds(options.Value.ScheduleCheckSeconds);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var broadcasts = services.GetRequiredService<BroadcastService>();
        var due = await broadcasts.DueAsync(clock.GetUtcNow(), options.Value.ScheduledPerRun, cancellationToken);
        foreach (var broadcast in due)
        {
            try
            {
                var metrics = await broadcasts.SendScheduledAsync(broadcast.AccountId, broadcast.BroadcastId, cancellationToken);
                if (metrics is not null) LogSent(logger, broadcast.BroadcastId, metrics.Recipients);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // One broadcast that cannot be sent (its template rejected since) does not hold up the others.
                LogFailed(logger, ex, broadcast.BroadcastId);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled broadcast {BroadcastId} sent to {Recipients} recipients")]
    private static partial void LogSent(ILogger logger, Guid broadcastId, int recipients);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scheduled broadcast {BroadcastId} could not be sent; tried again next run")]
    private static partial void LogFailed(ILogger logger, Exception exception, Guid broadcastId);
}
