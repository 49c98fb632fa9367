namespace Boltly.Platform.Batching;

/// <summary>
/// The one loop of every batch writer (docs/scheduled-work.md): flushes <typeparamref name="TWriter"/> on its interval on
/// this instance; a flush that throws is logged and tried again at the next tick (the writer kept what it took), never
/// ending the loop or the host; the host stopping flushes once more, so a clean shutdown loses nothing.
/// </summary>
public sealed partial class BatchWriterService<TWriter>(TWriter writer, BatchWriterSchedule<TWriter> schedule, TimeProvider clock,
    ILogger<BatchWriterService<TWriter>> logger) : BackgroundService where TWriter : class, IBatchWriter
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(schedule.Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) await FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) { }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (schedule.FlushOnStop) await FlushAsync(CancellationToken.None);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        try { await writer.FlushAsync(ct); }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogFlushFailed(logger, typeof(TWriter).Name, ex.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Writer} could not write its batch ({Error}); it is kept for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, string writer, string error);
}
