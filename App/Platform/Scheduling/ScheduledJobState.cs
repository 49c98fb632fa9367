namespace Boltly.Platform.Scheduling;

/// <summary>
/// One <see cref="IScheduledJob"/>'s row in <c>scheduled_jobs</c>: when it is next due and who runs it now.
/// The row, not any one process, holds the schedule, so it survives restarts and is shared by every instance.
/// </summary>
public sealed class ScheduledJobState
{
    public required string Name { get; init; }
    public DateTimeOffset NextRunAt { get; set; }
    /// <summary>The running instance's lease; null when the job is not running.</summary>
    public DateTimeOffset? LockedUntil { get; set; }
    /// <summary>The claim: machine, process and a token of the run holding the lease.</summary>
    public string? LockedBy { get; set; }
    public DateTimeOffset? LastStartedAt { get; set; }
    public DateTimeOffset? LastFinishedAt { get; set; }
    /// <summary>The last run's failure (its exception's type and message), null after a run that succeeded.</summary>
    public string? LastError { get; set; }
}
