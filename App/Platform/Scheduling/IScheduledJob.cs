namespace Boltly.Platform.Scheduling;

/// <summary>
/// Work that runs every <see cref="Interval"/> on one instance at a time, however many run
/// (docs/scheduled-work.md). Registered with <see cref="ScheduledJobRegistration.AddScheduledJob{TJob}"/>.
/// </summary>
public interface IScheduledJob
{
    /// <summary>A stable name: the job's identity across instances and restarts.</summary>
    string Name { get; }

    /// <summary>How often the job runs.</summary>
    TimeSpan Interval { get; }

    /// <summary>One run, with services from a fresh scope.</summary>
    Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);
}
