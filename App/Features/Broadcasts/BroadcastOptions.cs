using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.Broadcasts;

public sealed class BroadcastOptions
{
    public const string Section = "Broadcasts";

    /// <summary>Recipients written per transaction when a broadcast is sent: a large audience never holds one
    /// long transaction (and its locks) open, and a send cut short resumes where it stopped.</summary>
    [Range(1, 10_000)] public int SendBatchSize { get; set; } = 500;

    /// <summary>How often scheduled broadcasts are looked for: one is sent at most this long after its time.</summary>
    [Range(1, 3600)] public int ScheduleCheckSeconds { get; set; } = 15;

    /// <summary>Scheduled broadcasts sent per run of the job; the rest wait for the next run.</summary>
    [Range(1, 1000)] public int ScheduledPerRun { get; set; } = 50;
}
