using Boltly.Platform.Scheduling;
using Microsoft.Extensions.Options;

namespace Boltly.Features.ApiKeys.Notices;

/// <summary>
/// The key notices, cluster-wide (docs/scheduled-work.md, ADR 0034): every <see cref="KeyNoticeOptions.CheckSeconds"/>, on one
/// instance at a time, records the notices due (one webhook event per key; idle keys revoked) and sends the day's digests.
/// </summary>
public sealed class KeyNoticesJob(IOptions<KeyNoticeOptions> options, TimeProvider clock) : IScheduledJob
{
    public string Name => "api-key-notices";

    public TimeSpan Interval => TimeSpan.FromSeconds(options.Value.CheckSeconds);

    public async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var recorder = services.GetRequiredService<KeyNoticeRecorder>();
        foreach (var due in await services.GetRequiredService<KeyNoticeFinder>().FindAsync(now, cancellationToken))
            await recorder.RecordAsync(due, now, cancellationToken);
        await services.GetRequiredService<KeyNoticeDigests>().SendAsync(now, cancellationToken);
    }
}
