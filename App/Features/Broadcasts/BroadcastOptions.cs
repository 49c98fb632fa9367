using System.ComponentModel.DataAnnotations;

namespace Boltly.Features.Broadcasts;

public sealed class BroadcastOptions
{
    public const string Section = "Broadcasts";

    /// <summary>Recipients written per transaction when a broadcast is sent: a large audience never holds one
    /// long transaction (and its locks) open, and a send cut short resumes where it stopped.</summary>
    [Range(1, 10_000)] public int SendBatchSize { get; set; } = 500;
}
