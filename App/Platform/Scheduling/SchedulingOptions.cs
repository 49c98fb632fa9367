using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.Scheduling;

/// <summary>How the scheduler claims jobs (docs/scheduled-work.md, ADR 0018).</summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Off: this instance runs no job (the other instances still do).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each instance looks whether a job is due.</summary>
    [Range(50, 60_000)] public int PollIntervalMilliseconds { get; set; } = 1000;

    /// <summary>A claimed job is its instance's for this long, renewed every third of it while it runs; a
    /// claim whose instance died is taken by another instance when it ends.</summary>
    [Range(3, 3600)] public int LeaseSeconds { get; set; } = 60;
}
