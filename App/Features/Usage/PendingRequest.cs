using System.Net;

namespace Boltly.Features.Usage;

/// <summary>A request waiting in <see cref="RequestLogQueue"/>: references to what the request already holds
/// (its path, method and user agent strings, its address), formatted only when the batch is written.</summary>
public readonly record struct PendingRequest(
    Guid Id, Guid AccountId, Guid KeyId, DateTimeOffset At, string Method, string Path, int Status, int DurationMs,
    IPAddress? ClientAddress, string? UserAgent);
