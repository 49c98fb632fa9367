using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.ApiKeys.Notices;

/// <summary>When keys get their notices (docs/api-keys.md#notices).</summary>
public sealed class KeyNoticeOptions
{
    public const string Section = "ApiKeys:Notices";

    /// <summary>How often the cluster-wide job looks for keys due a notice.</summary>
    [Range(1, 86_400)] public int CheckSeconds { get; set; } = 900;

    /// <summary>The first expiry notice, this many days before.</summary>
    [Range(2, 90)] public int ExpiringFirstDays { get; set; } = 7;

    /// <summary>The last expiry notice, this many days before.</summary>
    [Range(1, 30)] public int ExpiringLastDays { get; set; } = 1;

    /// <summary>The warning before an idle revocation, this many days before.</summary>
    [Range(1, 30)] public int IdleWarningDays { get; set; } = 7;

    /// <summary>An expiry further back than this gets no "expired" notice (a key that expired before notices existed).</summary>
    [Range(1, 365)] public int ExpiredLookbackDays { get; set; } = 7;

    /// <summary>A key unused (or never used) this long is flagged "unused" on the dashboard.</summary>
    [Range(1, 3650)] public int UnusedAfterDays { get; set; } = 90;

    /// <summary>The most notices one run records and the most digests it sends; the rest wait for the next run.</summary>
    [Range(1, 100_000)] public int MaxPerRun { get; set; } = 1000;
}
