using Boltly.Platform.Data;
using Boltly.Platform.Pagination;

namespace Boltly.Features.Usage;

/// <summary>One request made with a key, as its log keeps it: no query string, bodies, headers or secrets.
/// The id is the request's UUIDv7, which its <c>X-Request-Id</c> spells (Platform/Http/RequestIds).</summary>
public sealed class LoggedRequest : IKeysetRow, IAccountScoped
{
    public Guid Id { get; set; } = MonotonicUuidV7.NewRequestId();
    public Guid AccountId { get; set; }
    public Guid ApiKeyId { get; set; }
    public DateTimeOffset At { get; set; }
    public string Method { get; set; } = "";
    public string Path { get; set; } = "";
    public int Status { get; set; }
    public int DurationMs { get; set; }
    public string? ClientAddress { get; set; }
    public string? UserAgent { get; set; }
}
