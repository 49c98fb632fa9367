using System.ComponentModel.DataAnnotations;

namespace Boltly.Platform.Idempotency;

public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";
    /// <summary>How long a key and its response are kept (24 h by the contract).</summary>
    [Range(1, 24 * 30)] public int RetentionHours { get; set; } = 24;
    [Range(1, 255)] public int MaxKeyLength { get; set; } = 255;
    /// <summary>How long a duplicate waits for the first request to finish before answering 409.</summary>
    [Range(0, 120)] public int InProgressWaitSeconds { get; set; } = 10;
    /// <summary>
    /// A claim still in progress after this long is taken over by the next request with its key: its
    /// request died without releasing it (the process stopped, or the database failed the release too).
    /// </summary>
    [Range(30, 24 * 3600)] public int AbandonedClaimSeconds { get; set; } = 300;
    /// <summary>Responses larger than this are not stored (the key is released instead).</summary>
    [Range(1024, 10 * 1024 * 1024)] public int MaxStoredResponseBytes { get; set; } = 256 * 1024;
}
