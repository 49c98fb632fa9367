namespace Boltly.Features.Usage;

/// <summary>A key whose request log grew since the last trim (<see cref="RequestLogTrim"/>): written by the batch that
/// logged it, taken by the trim. One row per key, whatever the number of batches.</summary>
public sealed class RequestLogTrimMark
{
    public Guid ApiKeyId { get; set; }
}
