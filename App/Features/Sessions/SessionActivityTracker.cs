using Boltly.Platform.Batching;
using Boltly.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Boltly.Features.Sessions;

/// <summary>
/// Each session's last use (to the minute): the platform's <see cref="LastUseWriter"/> over <c>user_sessions</c>, as keys'
/// last use is written, every <see cref="SessionOptions.ActivityFlushSeconds"/>. The idle rule reads the newer of this
/// instance's memory and the stored value, so an unwritten minute never makes a busy session look idle here.
/// </summary>
public sealed class SessionActivityTracker(IDbContextFactory<AppDbContext> contexts, IOptions<SessionOptions> options, TimeProvider clock)
    : IBatchWriter
{
    private static readonly LastUseTable Table = new("user_sessions", "last_seen_at");

    // A session not seen for longer than the idle limit has ended anyway: its memory entry is no longer needed.
    private readonly LastUseWriter _writer = new(Table, contexts, clock, TimeSpan.FromHours(options.Value.BrowserIdleHours));

    /// <summary>Notes a use of the session now, to the minute.</summary>
    public void Touch(Guid sessionId) => _writer.Touch(sessionId);

    /// <summary>The last use this instance saw, if any.</summary>
    public DateTimeOffset? LastSeen(Guid sessionId) => _writer.LastSeen(sessionId);

    /// <summary>Forgets an ended session.</summary>
    public void Forget(Guid sessionId) => _writer.Forget(sessionId);

    /// <summary>Writes what is pending in one statement; returns the number of sessions written.</summary>
    public Task<int> FlushAsync(CancellationToken ct = default) => _writer.FlushAsync(ct);
}
