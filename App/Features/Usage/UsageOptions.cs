using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.Usage;

/// <summary>Usage counting, rollups, the request log and their retention (docs/usage.md).</summary>
public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary>How often each instance adds its counts to Redis (one pipelined script per batch).</summary>
    [Range(1, 60)] public int CounterPushSeconds { get; set; } = 2;
    /// <summary>How often the Redis totals are written to PostgreSQL's rollups.</summary>
    [Range(1, 55)] public int RollupFlushSeconds { get; set; } = 10;
    /// <summary>A minute is closed (no instance adds to it any more) this many minutes after it ends.</summary>
    [Range(1, 60)] public int MinuteCloseMinutes { get; set; } = 2;
    /// <summary>How long Redis keeps a key-minute's totals and a batch's marker.</summary>
    [Range(1, 720)] public int RedisRetentionHours { get; set; } = 50;
    /// <summary>Key-minutes in one Redis script.</summary>
    [Range(1, 10_000)] public int RedisBatchSize { get; set; } = 500;

    /// <summary>Per-minute rollups are kept this long.</summary>
    [Range(1, 24 * 365)] public int MinuteRetentionHours { get; set; } = 48;
    /// <summary>Per-hour rollups are kept this long.</summary>
    [Range(1, 3650)] public int HourRetentionDays { get; set; } = 30;
    /// <summary>Per-day rollups are kept this long.</summary>
    [Range(1, 3650)] public int DayRetentionDays { get; set; } = 365;
    /// <summary>The most buckets one usage query answers.</summary>
    [Range(1, 100_000)] public int MaxBuckets { get; set; } = 1500;

    /// <summary>Requests kept per key in the log; the oldest go first.</summary>
    [Range(1, 1_000_000)] public int RequestLogPerKey { get; set; } = 10_000;
    /// <summary>Days a logged request is kept.</summary>
    [Range(1, 365)] public int RequestLogDays { get; set; } = 7;
    /// <summary>Unwritten log entries one instance holds; past it the oldest are dropped and counted.</summary>
    [Range(1, 1_000_000)] public int RequestLogQueueCapacity { get; set; } = 20_000;
    /// <summary>Log entries in one COPY.</summary>
    [Range(1, 100_000)] public int RequestLogBatchSize { get; set; } = 10_000;
    /// <summary>How often the log queue is written.</summary>
    [Range(1, 60)] public int RequestLogFlushSeconds { get; set; } = 2;
    /// <summary>How often keys logged since the last run are trimmed back to <see cref="RequestLogPerKey"/> (ADR 0032).</summary>
    [Range(1, 3600)] public int RequestLogTrimSeconds { get; set; } = 60;
    /// <summary>Longest path and user agent kept, in characters.</summary>
    [Range(16, 8192)] public int RequestLogMaxText { get; set; } = 1024;

    /// <summary>How often the retention purge runs.</summary>
    [Range(1, 1440)] public int PurgeMinutes { get; set; } = 15;
}
